using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Accounts;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.HasKey(a => a.Id);
        account.Property(a => a.Name).HasMaxLength(100);
        account.HasIndex(a => a.Name).IsUnique();
        account.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.AmlThreshold).HasPrecision(3, 2);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.HasKey(k => k.Id);
        key.Property(k => k.Hash).HasMaxLength(64);
        key.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        key.HasIndex(k => k.Hash).IsUnique();
        // One key per display prefix, so `keys revoke PREFIX` and `decided_by` name exactly one key.
        key.HasIndex(k => k.Prefix).IsUnique();
        key.HasIndex(k => k.AccountId);
        key.HasOne<Account>().WithMany().HasForeignKey(k => k.AccountId);
    }
}

internal sealed class VerificationProfileConfiguration : IEntityTypeConfiguration<VerificationProfile>
{
    public void Configure(EntityTypeBuilder<VerificationProfile> profile)
    {
        profile.HasKey(p => p.Id);
        profile.Property(p => p.Name).HasMaxLength(VerificationProfile.MaxNameLength);
        profile.Property(p => p.Settings).HasJsonConversion();
        profile.Ignore(p => p.IsDeleted);
        // The list's order within an account and mode (spec §6); deleted rows are few and filtered after.
        profile.HasIndex(p => new { p.AccountId, p.LiveMode, p.CreatedAt, p.Id });
        profile.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
    }
}
