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
        screening.Property(s => s.MonitoringFrequency).HasConversion(v => v.ToWire(), v => ParseFrequency(v)).HasMaxLength(16);
        screening.Property<int>(VersionProperty).IsConcurrencyToken();
        screening.Ignore(s => s.PendingEvents);
        screening.Ignore(s => s.MatchesFound);

        // GET /aml/screenings: newest first within an account and mode, optionally one status; exact filters.
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.CreatedAt, s.Id });
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.Status, s.CreatedAt, s.Id });
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.ReferenceId });
        // A session's screenings, newest first: also how monitoring finds a session's latest screening. Standalone
        // screenings and their runs (most rows) are left out.
        screening.HasIndex(s => new { s.AccountId, s.LiveMode, s.SessionId, s.CreatedAt }).HasFilter("session_id IS NOT NULL");
        // Monitoring: the screenings to re-run in id order (only monitored ones, so the runs it inserts never land in
        // this index), and each one's runs, latest first (its last_monitoring_at and the matches a run compares with).
        screening.HasIndex(s => new { s.Status, s.Id }).HasFilter(MonitoredFilter);
        screening.HasIndex(s => new { s.ParentScreeningId, s.CreatedAt });
    }

    /// <summary>The same SQL on SQLite (an integer column) and PostgreSQL (a boolean); queries must repeat it for the index to apply.</summary>
    public const string MonitoredFilter = "monitoring_enabled";

    internal static MonitoringFrequency ParseFrequency(string value) =>
        MonitoringFrequencies.TryParse(value, out var frequency) ? frequency : throw new InvalidDataException($"Unknown monitoring frequency '{value}'.");

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
        claim.Property(c => c.ScreeningsAfter).HasMaxLength(40);
        claim.Property(c => c.SessionsAfter).HasMaxLength(40);
    }
}

internal sealed class AmlMonitoringStateConfiguration : IEntityTypeConfiguration<AmlMonitoringState>
{
    public void Configure(EntityTypeBuilder<AmlMonitoringState> state)
    {
        state.ToTable("aml_monitoring_state");
        state.HasKey(s => s.MonitoredId);
        state.Property(s => s.MonitoredId).HasMaxLength(40);
        state.Property(s => s.LastRunKey).HasMaxLength(400);
        state.Property(s => s.BasisKey).HasMaxLength(64);
    }
}

internal sealed class AmlMonitoringBasisConfiguration : IEntityTypeConfiguration<AmlMonitoringBasis>
{
    public void Configure(EntityTypeBuilder<AmlMonitoringBasis> basis)
    {
        basis.ToTable("aml_monitoring_bases");
        basis.HasKey(b => b.Key);
        basis.Property(b => b.Key).HasMaxLength(64);
        basis.Property(b => b.Engine).HasMaxLength(64);
    }
}
