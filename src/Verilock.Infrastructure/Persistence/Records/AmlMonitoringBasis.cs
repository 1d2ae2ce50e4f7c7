namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// One set of loaded lists as monitoring screened against it: each entity's fingerprint, so that a later version is
/// compared with it after a restart or on another instance, without the old lists in memory.
/// </summary>
public sealed class AmlMonitoringBasis
{
    /// <summary>A hash of the screening engine's build and the keys of the lists loaded.</summary>
    public required string Key { get; init; }

    /// <summary>The screening engine's build (<c>ScreeningIndex.EngineVersion</c>): results of another build are never reused.</summary>
    public required string Engine { get; init; }

    /// <summary>The list keys, comma-separated, for operators.</summary>
    public required string Lists { get; init; }

    /// <summary>Entity id → fingerprint, gzipped (see <c>MonitoringBases</c>).</summary>
    public required byte[] Fingerprints { get; init; }

    public DateTime CreatedAt { get; init; }
}
