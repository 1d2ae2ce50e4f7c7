using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Accounts;
using Verilock.Domain.Rules;

namespace Verilock.Infrastructure.Persistence.Configurations;

/// <summary>Orchestration rules (spec §18): conditions and action stored as JSON, read whole.</summary>
internal sealed class RuleConfiguration : IEntityTypeConfiguration<Rule>
{
    public void Configure(EntityTypeBuilder<Rule> rule)
    {
        rule.ToTable("orchestration_rules");
        rule.HasKey(r => r.Id);
        rule.Property(r => r.Id).HasMaxLength(48);
        rule.Property(r => r.Name).HasMaxLength(Rule.MaxNameLength);
        rule.Property(r => r.Description).HasMaxLength(Rule.MaxDescriptionLength);
        rule.Property(r => r.Conditions).HasJsonConversion();
        rule.Property(r => r.Action).HasJsonConversion();
        rule.Ignore(r => r.Definition);
        rule.Ignore(r => r.DecidedBy);
        // The list's and the evaluation's order within an account and mode.
        rule.HasIndex(r => new { r.AccountId, r.LiveMode, r.Priority, r.CreatedAt, r.Id });
        rule.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId);
    }
}
