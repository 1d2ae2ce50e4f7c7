using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Aml;

/// <summary>
/// Stores and reads the entity fingerprints of the list sets monitoring screened against
/// (<see cref="AmlMonitoringBasis"/>): a few hundred kilobytes per set of lists, written once when a run starts.
/// </summary>
public static class MonitoringBases
{
    /// <summary>Stores the basis unless a row of its key is there already (another instance, or a resumed run, wrote it).</summary>
    public static async Task SaveAsync(
        VerilockDbContext db, string key, string engine, string lists, IReadOnlyDictionary<string, ulong> fingerprints, DateTime now,
        CancellationToken cancellationToken)
    {
        if (await db.AmlMonitoringBases.AnyAsync(b => b.Key == key, cancellationToken))
            return;
        var packed = Pack(fingerprints);
        // ON CONFLICT DO NOTHING reads the same in SQLite and PostgreSQL: two instances may start the same run's basis.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO aml_monitoring_bases (key, engine, lists, fingerprints, created_at)
            VALUES ({key}, {engine}, {lists}, {packed}, {now})
            ON CONFLICT (key) DO NOTHING
            """, cancellationToken);
    }

    /// <summary>The engine build and fingerprints of a stored basis; null when there is none of that key.</summary>
    public static async Task<(string Engine, IReadOnlyDictionary<string, ulong> Fingerprints)?> LoadAsync(
        VerilockDbContext db, string key, CancellationToken cancellationToken)
    {
        var row = await db.AmlMonitoringBases.AsNoTracking()
            .Where(b => b.Key == key).Select(b => new { b.Engine, b.Fingerprints }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Engine, Unpack(row.Fingerprints));
    }

    /// <summary>Entity id and fingerprint pairs, gzipped (ids repeat their list prefix; they compress about 4:1).</summary>
    public static byte[] Pack(IReadOnlyDictionary<string, ulong> fingerprints)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new BinaryWriter(gzip))
        {
            writer.Write(fingerprints.Count);
            foreach (var (id, fingerprint) in fingerprints.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.Write(id);
                writer.Write(fingerprint);
            }
        }
        return buffer.ToArray();
    }

    public static IReadOnlyDictionary<string, ulong> Unpack(byte[] packed)
    {
        using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var reader = new BinaryReader(gzip);
        var count = reader.ReadInt32();
        var fingerprints = new Dictionary<string, ulong>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            fingerprints[reader.ReadString()] = reader.ReadUInt64();
        return fingerprints;
    }
}
