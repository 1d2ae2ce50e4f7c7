using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Aml;
using Verilock.Domain.Sessions;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public const string VersionProperty = Saving.VersionBumps.Property;

    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).HasMaxLength(40);
        session.Property(s => s.Status).HasConversion(v => v.ToWire(), v => ParseStatus(v)).HasMaxLength(16);
        session.Property(s => s.Decision).HasConversion(
            v => v == null ? null : v.Value.ToWire(),
            v => v == null ? null : ParseDecision(v)).HasMaxLength(16);
        session.Property(s => s.ReferenceId).HasMaxLength(255);
        session.Property(s => s.RiskLevel).HasMaxLength(16);
        session.Property(s => s.Steps).HasConversion(
            v => string.Join(',', v.Select(step => step.ToWire())),
            v => ParseSteps(v),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<IReadOnlyList<VerificationStep>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToArray())).HasMaxLength(64);
        session.Property(s => s.ReviewReasons).HasJsonConversion();
        session.Property(s => s.Settings).HasJsonConversion();
        session.Property(s => s.Metadata).HasJsonConversion();
        session.Property(s => s.Results).HasJsonConversion();
        session.Property(s => s.Document).HasJsonConversion();
        session.Property(s => s.Selfie).HasJsonConversion();
        session.Property(s => s.Liveness).HasJsonConversion();
        session.Property(s => s.Risk).HasJsonConversion();
        session.Property(s => s.RuleLog).HasJsonConversion();
        session.ComplexProperty(s => s.Applicant, applicant =>
        {
            applicant.Property(a => a.FirstName).HasMaxLength(100);
            applicant.Property(a => a.LastName).HasMaxLength(100);
            applicant.Property(a => a.Email).HasMaxLength(320);
            applicant.Property(a => a.Nationality).HasMaxLength(2);
        });
        session.Property(s => s.RedirectUrl).HasMaxLength(2048);
        session.Property(s => s.WebhookUrl).HasMaxLength(2048);
        session.Property(s => s.MonitoringFrequency)
            .HasConversion(v => v.ToWire(), v => AmlScreeningConfiguration.ParseFrequency(v)).HasMaxLength(16);
        // `rule:rule_<uuid>` (spec §18) is 46 characters.
        session.Property(s => s.DecidedBy).HasMaxLength(64);
        session.Property(s => s.DecisionReason).HasMaxLength(1000);
        session.Property(s => s.SessionToken).HasMaxLength(64);
        session.Property<int>(VersionProperty).IsConcurrencyToken();
        session.Ignore(s => s.PendingEvents);

        // The list endpoint's orderings: newest first within an account and mode, optionally for one status.
        // On SQLite the ListReadIndexes migration widens both into covering indexes (the list item's columns).
        session.HasIndex(s => new { s.AccountId, s.LiveMode, s.CreatedAt, s.Id });
        session.HasIndex(s => new { s.AccountId, s.LiveMode, s.Status, s.CreatedAt, s.Id });
        session.HasIndex(s => new { s.AccountId, s.LiveMode, s.ReferenceId });
        // Expiry: the sweep over all accounts, and the per-account probe every read makes before answering.
        session.HasIndex(s => new { s.Status, s.ExpiresAt });
        session.HasIndex(s => new { s.AccountId, s.LiveMode, s.Status, s.ExpiresAt });
        session.HasIndex(s => s.SessionToken).IsUnique();
        // AML monitoring: the monitored sessions in id order (only those, so the index stays small).
        session.HasIndex(s => new { s.Status, s.Id }).HasFilter(AmlScreeningConfiguration.MonitoredFilter);
    }

    private static SessionStatus ParseStatus(string value) =>
        SessionStatuses.TryParse(value, out var status) ? status : throw new InvalidDataException($"Unknown status '{value}'.");

    private static SessionDecision ParseDecision(string value) => value switch
    {
        "approved" => SessionDecision.Approved,
        "declined" => SessionDecision.Declined,
        "review" => SessionDecision.Review,
        _ => throw new InvalidDataException($"Unknown decision '{value}'."),
    };

    private static IReadOnlyList<VerificationStep> ParseSteps(string value) =>
        value.Length == 0
            ? []
            : value.Split(',').Select(name => VerificationSteps.TryParse(name, out var step)
                ? step
                : throw new InvalidDataException($"Unknown step '{name}'.")).ToArray();
}
