using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Configurations;

internal sealed class CheckJobConfiguration : IEntityTypeConfiguration<CheckJob>
{
    public void Configure(EntityTypeBuilder<CheckJob> job)
    {
        job.HasKey(j => j.SessionId);
        job.Property(j => j.SessionId).HasMaxLength(40);
        job.Property(j => j.LastError).HasMaxLength(200);
        job.HasIndex(j => j.RunAfter);
    }
}

internal sealed class MediaBlobConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> blob)
    {
        blob.HasKey(b => b.StorageKey);
        blob.Property(b => b.StorageKey).HasMaxLength(64);
    }
}

internal sealed class MediaDataKeyConfiguration : IEntityTypeConfiguration<MediaDataKey>
{
    public void Configure(EntityTypeBuilder<MediaDataKey> key)
    {
        key.ToTable("media_keys");
        key.HasKey(k => k.StorageKey);
        key.Property(k => k.StorageKey).HasMaxLength(64);
        key.HasIndex(k => k.MasterKeyId);
    }
}
