using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Transactions;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class TransactionConfiguration : IEntityTypeConfiguration<Transaction>
{
    public void Configure(EntityTypeBuilder<Transaction> transaction)
    {
        transaction.ToTable("transactions");
        transaction.HasKey(t => t.Id);
        transaction.Property(t => t.Id).HasMaxLength(40);
        transaction.Property(t => t.ReferenceId).HasMaxLength(255);
        transaction.Property(t => t.SessionId).HasMaxLength(40);
        transaction.Property(t => t.Type).HasMaxLength(32);
        transaction.Property(t => t.Currency).HasMaxLength(3);
        transaction.Property(t => t.SenderName).HasMaxLength(200);
        transaction.Property(t => t.SenderAccount).HasMaxLength(100);
        transaction.Property(t => t.SenderCountry).HasMaxLength(2);
        transaction.Property(t => t.ReceiverName).HasMaxLength(200);
        transaction.Property(t => t.ReceiverAccount).HasMaxLength(100);
        transaction.Property(t => t.ReceiverCountry).HasMaxLength(2);
        transaction.Property(t => t.RiskLevel).HasMaxLength(16);
        transaction.Property(t => t.Recommendation)
            .HasConversion(v => v.ToWire(), v => TransactionWire.ParseRecommendation(v)).HasMaxLength(16);
        transaction.Property(t => t.Status).HasConversion(v => v.ToWire(), v => TransactionWire.ParseStatus(v)).HasMaxLength(16);
        transaction.Property(t => t.Metadata).HasJsonConversion();
        transaction.Property(t => t.Flags).HasJsonConversion();
        transaction.Property(t => t.RulesTriggered).HasJsonConversion();
        transaction.Property(t => t.CounterpartyScreening).HasJsonConversion();
        transaction.Property(t => t.Timeline).HasJsonConversion();
        transaction.Property(t => t.Decision).HasJsonConversion();
        transaction.Property<int>(Saving.VersionBumps.Property).IsConcurrencyToken();
        transaction.Ignore(t => t.Sender);
        transaction.Ignore(t => t.Receiver);
        // The list, newest first, and its filters.
        transaction.HasIndex(t => new { t.AccountId, t.LiveMode, t.CreatedAt });
        transaction.HasIndex(t => new { t.AccountId, t.LiveMode, t.Status, t.CreatedAt });
        transaction.HasIndex(t => new { t.AccountId, t.LiveMode, t.ReferenceId });
        transaction.HasIndex(t => new { t.AccountId, t.LiveMode, t.SessionId });
        // Velocity reads: one sender account's transactions over a window.
        transaction.HasIndex(t => new { t.AccountId, t.LiveMode, t.SenderAccount, t.OccurredAt });
        // New-recipient reads: whether this sender ever paid this receiver, one index seek a pair whatever the history.
        transaction.HasIndex(t => new { t.AccountId, t.LiveMode, t.SenderAccount, t.ReceiverAccount });
    }
}

internal sealed class AccountTransactionSettingsConfiguration : IEntityTypeConfiguration<AccountTransactionSettings>
{
    public void Configure(EntityTypeBuilder<AccountTransactionSettings> settings)
    {
        settings.ToTable("transaction_settings");
        settings.HasKey(s => new { s.AccountId, s.LiveMode });
        settings.HasOne<Verilock.Domain.Accounts.Account>().WithMany().HasForeignKey(s => s.AccountId);
        settings.Property(s => s.Overrides).HasJsonConversion();
        settings.Property(s => s.UpdatedBy).HasMaxLength(40);
    }
}
