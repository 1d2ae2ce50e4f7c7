using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Domain.Accounts;
using Verilock.Domain.Operators;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class OperatorConfiguration : IEntityTypeConfiguration<Operator>
{
    public void Configure(EntityTypeBuilder<Operator> op)
    {
        op.ToTable("operators");
        op.HasKey(o => o.Id);
        op.Property(o => o.Email).HasMaxLength(Operator.MaxEmailLength);
        // One sign-in name across the server: the login form does not ask which account.
        op.HasIndex(o => o.Email).IsUnique();
        op.Property(o => o.PasswordHash).HasMaxLength(256);
        op.Property(o => o.SecurityStamp).HasMaxLength(Operator.SecurityStampLength);
        op.HasIndex(o => o.AccountId);
        op.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId);
        op.Ignore(o => o.DisplayId);
    }
}

internal sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> entry)
    {
        entry.ToTable("audit_log");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedOnAdd();
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.SessionId).HasMaxLength(40);
        entry.Property(e => e.Detail).HasMaxLength(200);
        // An auditor asks "who saw this session" and "what did this account's operators do lately".
        entry.HasIndex(e => e.SessionId);
        entry.HasIndex(e => new { e.AccountId, e.OccurredAt });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> key)
    {
        key.ToTable("data_protection_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).ValueGeneratedOnAdd();
        key.Property(k => k.FriendlyName).HasMaxLength(100);
    }
}
