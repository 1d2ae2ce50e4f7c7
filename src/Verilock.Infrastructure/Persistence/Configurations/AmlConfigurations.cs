using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class AmlScreeningConfiguration : IEntityTypeConfiguration<AmlScreening>
{
    public const string VersionProperty = Saving.VersionBumps.Property;

    public void Configure(EntityTypeBuilder<AmlScreening> screening)
    {
        screening.HasKey(s => s.Id);
        screening.Property(s => s.Id).HasMaxLength(40);
        screening.Property(s => s.Status).HasConversion(v => v.ToWire(), v => ParseStatus(v)).HasMaxLength(16);
        screening.Property(s => s.ReferenceId).HasMaxLength(255);
        screening.Property(s => s.SessionId).HasMaxLength(40);
        screening.ComplexProperty(s => s.Query, query =>
        {
            query.Property(q => q.FullName).HasMaxLength(200);
            query.Property(q => q.FirstName).HasMaxLength(100);
            query.Property(q => q.LastName).HasMaxLength(100);
            query.Property(q => q.DateOfBirth).HasMaxLength(10);
            query.Property(q => q.Nationality).HasMaxLength(2);
        });
        screening.Property(s => s.Lists).HasJsonConversion();
        screening.Property(s => s.Matches).HasJsonConversion();
        screening.Property(s => s.Decision).HasConversion(
            v => v == null ? null : v.Value.ToWire(),
            v => v == null ? null : ParseDecision(v)).HasMaxLength(16);
        screening.Property(s => s.DecisionReason).HasMaxLength(1000);
        screening.Property(s => s.DecidedBy).HasMaxLength(32);
        screening.Property(s => s.ParentScreeningId).HasMaxLength(40);
        screening.Property(s => s.MonitoringKey).HasMaxLength(400);
        screening.Property<int>(VersionProperty).IsConcurrencyToken();
        screening.Ignore(s => s.PendingEvents);
        screening.Ignore(s => s.MatchesFound);

        // GET /aml/screenings: newest first within an account and mode, optionally one status; exact filters.
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.CreatedAt, s.Id });
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.Status, s.CreatedAt, s.Id });
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.ReferenceId });
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.SessionId });
        // Monitoring: the screenings to re-run, and each one's runs (latest first; the run of one list version).
        screening.HasIndex(s => new { s.MonitoringEnabled, s.Status, s.Id });
        screening.HasIndex(s => new { s.ParentScreeningId, s.CreatedAt });
    }

    private static AmlScreeningStatus ParseStatus(string value) =>
        AmlScreeningStatuses.TryParse(value, out var status) ? status : throw new InvalidDataException($"Unknown AML status '{value}'.");

    private static AmlDecision ParseDecision(string value) =>
        AmlScreeningStatuses.TryParseDecision(value, out var decision) ? decision : throw new InvalidDataException($"Unknown AML decision '{value}'.");
}

internal sealed class AmlMonitoringClaimConfiguration : IEntityTypeConfiguration<AmlMonitoringClaim>
{
    public void Configure(EntityTypeBuilder<AmlMonitoringClaim> claim)
    {
        claim.HasKey(c => c.ListKey);
        claim.Property(c => c.ListKey).HasMaxLength(200);
        claim.Property(c => c.ClaimedBy).HasMaxLength(100);
    }
}
