using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> outbox)
    {
        outbox.HasKey(e => e.Sequence);
        outbox.Property(e => e.Sequence).ValueGeneratedOnAdd();
        outbox.Property(e => e.EventId).HasMaxLength(40);
        outbox.HasIndex(e => e.EventId).IsUnique();
        outbox.Property(e => e.Type).HasMaxLength(64);
        outbox.Property(e => e.SessionId).HasMaxLength(40);
        outbox.HasIndex(e => e.SessionId);
        // The dispatcher's work queue: only the few rows not yet fanned out are in this index.
        outbox.HasIndex(e => e.Sequence).HasDatabaseName("ix_outbox_events_undispatched").HasFilter("dispatched_at IS NULL");
    }
}

internal sealed class SessionCountConfigurations :
    IEntityTypeConfiguration<SessionDailyCount>, IEntityTypeConfiguration<SessionTotal>
{
    public void Configure(EntityTypeBuilder<SessionDailyCount> count)
    {
        count.HasKey(c => new { c.AccountId, c.LiveMode, c.Status, c.Day, c.Shard });
        count.Property(c => c.Status).HasMaxLength(16);
        count.Property(c => c.Shard).HasDefaultValue((short)0);
        // Deep list pages walk one status's days (SessionCounters.AllStatuses without a filter) in day order:
        // the key's order, so the walk streams from it and stops at the wanted day.
    }

    public void Configure(EntityTypeBuilder<SessionTotal> total)
    {
        total.HasKey(c => new { c.AccountId, c.LiveMode, c.Status, c.Shard });
        total.Property(c => c.Status).HasMaxLength(16);
        total.Property(c => c.Shard).HasDefaultValue((short)0);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.HasKey(r => new { r.AccountId, r.LiveMode, r.Key });
        record.Property(r => r.Key).HasMaxLength(255);
        record.Property(r => r.Fingerprint).HasMaxLength(64);
        record.Property(r => r.Location).HasMaxLength(200);
        record.Property(r => r.SessionId).HasMaxLength(100);
        record.HasIndex(r => r.CreatedAt);
        record.HasIndex(r => new { r.AccountId, r.LiveMode, r.SessionId });
    }
}
