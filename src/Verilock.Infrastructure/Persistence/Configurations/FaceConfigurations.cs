using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Faces;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class FaceTemplateConfiguration : IEntityTypeConfiguration<FaceTemplate>
{
    public void Configure(EntityTypeBuilder<FaceTemplate> template)
    {
        template.HasKey(t => t.Id);
        template.Property(t => t.SessionId).HasMaxLength(40);
        template.Property(t => t.Model).HasMaxLength(100);
        template.Property(t => t.State).HasConversion(v => v.ToWire(), v => FaceTemplateStates.Parse(v)).HasMaxLength(16);
        // A session's templates (decision, redaction, re-authentication).
        template.HasIndex(t => new { t.AccountId, t.LiveMode, t.SessionId });
        // Every instance's index follows the changes since its last look.
        template.HasIndex(t => t.ChangedAt);
    }
}

internal sealed class BiometricCheckConfiguration : IEntityTypeConfiguration<BiometricCheck>
{
    public void Configure(EntityTypeBuilder<BiometricCheck> check)
    {
        check.ToTable("biometric_checks");
        check.HasKey(c => c.Id);
        check.Property(c => c.Id).HasMaxLength(40);
        check.Property(c => c.SessionId).HasMaxLength(40);
        check.Property(c => c.DeviceInfo).HasMaxLength(4096);
        check.Property(c => c.PhotoStorageKey).HasMaxLength(64);
        check.Property(c => c.PhotoFileName).HasMaxLength(255);
        check.Property(c => c.Result).HasMaxLength(16);
        check.Property(c => c.Error).HasMaxLength(32);
        check.Property(c => c.QualityIssues).HasJsonConversion();
        check.Property<int>(Saving.VersionBumps.Property).IsConcurrencyToken();
        check.Ignore(c => c.PendingEvents);
        // A session's checks, newest first (the dashboard, redaction, the per-session rate limit).
        check.HasIndex(c => new { c.AccountId, c.LiveMode, c.SessionId, c.CreatedAt });
    }
}

internal sealed class FaceSearchConfiguration : IEntityTypeConfiguration<FaceSearch>
{
    public void Configure(EntityTypeBuilder<FaceSearch> search)
    {
        search.ToTable("face_searches");
        search.HasKey(s => s.Id);
        search.Property(s => s.Id).HasMaxLength(40);
        search.Property(s => s.SessionId).HasMaxLength(40);
        search.Property(s => s.Matches).HasJsonConversion();
        search.HasIndex(s => new { s.AccountId, s.LiveMode, s.SessionId, s.CreatedAt });
    }
}
