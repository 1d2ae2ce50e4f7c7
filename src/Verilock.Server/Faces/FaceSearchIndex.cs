using Verilock.Checks.Faces;
using Verilock.Checks.Faces.Search;
using Verilock.Server.Checks;

namespace Verilock.Server.Faces;

/// <summary>
/// This instance's in-memory index of every enrolled face template of the current model (spec §20), kept by
/// <see cref="FaceIndexSync"/>: loaded from the database at start, then following the database's changes, so
/// templates enrolled or removed by any instance are searchable or gone here within a few seconds.
/// </summary>
public sealed class FaceSearchIndex(CheckModels models) : IDisposable
{
    private volatile bool _loaded;

    public FaceTemplateIndex Index { get; } = new();

    /// <summary>Whether the start-up load is done; searching before would miss templates.</summary>
    public bool IsLoaded => _loaded;

    internal void MarkLoaded() => _loaded = true;

    /// <summary>
    /// The enrolled templates of the caller's account and mode most like <paramref name="probe"/>, other than
    /// <paramref name="sessionId"/>'s own, on the 0–100 scale (the calibrated face-match similarity × 100).
    /// </summary>
    public IReadOnlyList<Domain.Faces.FaceSearchMatch> Search(Guid accountId, bool liveMode, string sessionId, ReadOnlySpan<float> probe, int top)
    {
        var thresholds = models.Faces.Thresholds;
        return Index.Search(new FaceIndexPartition(accountId, liveMode), probe, top, excludeSessionId: sessionId)
            .Select(m => Domain.Faces.FaceSearchMatch.Of(m.TemplateId, Math.Round(100 * FaceMatchScale.Similarity(m.Cosine, thresholds), 2), m.SessionId))
            .ToList();
    }

    public void Dispose() => Index.Dispose();
}
