using Verilock.Domain.Common;

namespace Verilock.Domain.Faces;

/// <summary>One template found by a face search (spec §20), best first; similarity 0–100.</summary>
public sealed record FaceSearchMatch(string FaceId, double Similarity, string SessionId, string ExternalImageId)
{
    public static FaceSearchMatch Of(Guid templateId, double similarity, string sessionId) =>
        new(templateId.ToString("D"), similarity, sessionId, "session-" + sessionId);
}

/// <summary>
/// A 1:N face search (spec §20): a session's face against every other template of its account and mode — someone
/// opening many accounts. Recorded once, with what it found; raises <c>face.duplicate_found</c> when a match reached
/// the threshold.
/// </summary>
public sealed class FaceSearch : IRaisesEvents
{
    public const double MinThreshold = 50;
    public const double MaxThreshold = 100;
    public const double DefaultThreshold = 90;
    public const int MaxMatches = 20;

    private readonly List<FaceEvent> _events = [];

    // For EF Core.
    private FaceSearch()
    {
        Id = null!;
        SessionId = null!;
    }

    public string Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public string SessionId { get; private set; }
    public double Threshold { get; private set; }
    public bool DuplicateFound { get; private set; }
    public double? HighestSimilarity { get; private set; }
    /// <summary>The matches at or above the threshold, best first, at most <see cref="MaxMatches"/>.</summary>
    public IReadOnlyList<FaceSearchMatch> Matches { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }

    IReadOnlyList<DomainEvent> IRaisesEvents.PendingEvents => _events;
    EventAudience IRaisesEvents.EventAudience => new(AccountId, LiveMode, SessionId);
    public void ClearPendingEvents() => _events.Clear();

    public static string NewId() => "fs_" + Guid.NewGuid().ToString("D");

    /// <param name="found">What the index found for the session's face (any order, any similarity).</param>
    public static FaceSearch Record(string id, Guid accountId, bool liveMode, string sessionId, double threshold,
        IEnumerable<FaceSearchMatch> found, DateTime now)
    {
        if (threshold is < MinThreshold or > MaxThreshold || double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold is between 50 and 100.");
        now = Clock.ToSeconds(now);
        var ranked = found.Where(m => m.SessionId != sessionId).OrderByDescending(m => m.Similarity).ToList();
        var matches = ranked.Where(m => m.Similarity >= threshold).Take(MaxMatches).ToList();
        var search = new FaceSearch
        {
            Id = id, AccountId = accountId, LiveMode = liveMode, SessionId = sessionId, Threshold = threshold,
            DuplicateFound = matches.Count > 0, HighestSimilarity = ranked.Count > 0 ? ranked[0].Similarity : null, Matches = matches,
            CreatedAt = now,
        };
        if (search.DuplicateFound)
            search._events.Add(new FaceEvent("face.duplicate_found", now, new Dictionary<string, object?>
            {
                ["face_search_id"] = id,
                ["session_id"] = sessionId,
                ["highest_similarity"] = search.HighestSimilarity,
                ["threshold_used"] = threshold,
                ["matched_session_ids"] = matches.Select(m => m.SessionId).Distinct().ToArray(),
                ["livemode"] = liveMode,
            }));
        return search;
    }
}
