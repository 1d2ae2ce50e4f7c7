using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Accounts;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class WebhookConfigurations :
    IEntityTypeConfiguration<WebhookEndpoint>, IEntityTypeConfiguration<WebhookDefaultSecret>, IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Id).HasMaxLength(40);
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        // Event names never contain commas; a plain list reads the same on both databases.
        endpoint.Property(e => e.Events)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => string.Join(',', v).GetHashCode(), v => v.ToList()))
            .HasMaxLength(1024);
        endpoint.Property(e => e.Description).HasMaxLength(1000);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(64);
        endpoint.Property(e => e.SecretCiphertext).HasMaxLength(256);
        endpoint.Property(e => e.PreviousSecretCiphertext).HasMaxLength(256);
        endpoint.HasIndex(e => new { e.AccountId, e.LiveMode, e.CreatedAt, e.Id });
        endpoint.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId);
    }

    public void Configure(EntityTypeBuilder<WebhookDefaultSecret> secret)
    {
        secret.HasKey(s => new { s.AccountId, s.LiveMode });
        secret.Property(s => s.SecretCiphertext).HasMaxLength(256);
        secret.Property(s => s.PreviousSecretCiphertext).HasMaxLength(256);
        secret.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId);
    }

    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.HasKey(d => d.WebhookId);
        delivery.Property(d => d.WebhookId).HasMaxLength(40);
        delivery.Property(d => d.EndpointId).HasMaxLength(40);
        delivery.Property(d => d.SessionId).HasMaxLength(40);
        delivery.Property(d => d.EventType).HasMaxLength(64);
        delivery.Property(d => d.Url).HasMaxLength(2048);
        delivery.Property(d => d.Status).HasMaxLength(16);
        delivery.Property(d => d.LastError).HasMaxLength(32);
        // Deliveries outlive their endpoint (the log keeps them), so endpoint_id is not a foreign key.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.AccountId, d.LiveMode, d.CreatedAt, d.WebhookId });
        delivery.HasIndex(d => new { d.EndpointId, d.Status });
        delivery.HasIndex(d => d.SessionId);
    }
}
