using Verilock.Domain.Common;

namespace Verilock.Domain.Faces;

/// <summary>An event of the face products (spec §20): <c>biometric.completed</c>, <c>face.duplicate_found</c>.</summary>
public sealed record FaceEvent(string Type, DateTime OccurredAt, IReadOnlyDictionary<string, object?> Data)
    : DomainEvent(Type, OccurredAt, Data);

/// <summary>
/// One biometric re-authentication (spec §20): a returning person's new photo against the face template of the
/// session that verified them. Created <c>processing</c> with the photo stored; the check workers examine it and
/// complete it once — <c>match</c> only when the similarity reaches the threshold and passive liveness passes — and
/// the photo is then deleted: only the scores are kept. Raises <c>biometric.completed</c>.
/// </summary>
public sealed class BiometricCheck : IRaisesEvents
{
    public const double MinThreshold = 50;
    public const double MaxThreshold = 100;
    public const double DefaultThreshold = 80;

    public const string NoFace = "no_face";
    public const string SeveralFaces = "several_faces";
    public const string Unreadable = "unreadable";

    private readonly List<FaceEvent> _events = [];

    // For EF Core.
    private BiometricCheck()
    {
        Id = null!;
        SessionId = null!;
        Result = null!;
    }

    public string Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public string SessionId { get; private set; }
    /// <summary>The template compared with (null in test mode, whose outcomes are simulated).</summary>
    public Guid? TemplateId { get; private set; }
    public double Threshold { get; private set; }
    /// <summary>The caller's <c>device_info</c> object as JSON, kept for their own investigations; blanked by redaction.</summary>
    public string? DeviceInfo { get; private set; }
    /// <summary>The photo's stored media while it waits to be examined; null once examined.</summary>
    public string? PhotoStorageKey { get; private set; }
    /// <summary>The photo's file name as uploaded (test mode picks its simulated outcome from it); cleared with the photo.</summary>
    public string? PhotoFileName { get; private set; }
    public bool Completed { get; private set; }
    /// <summary><c>pending</c> while processing, then <c>match</c>, <c>no_match</c> or <c>error</c>.</summary>
    public string Result { get; private set; }
    public double? Similarity { get; private set; }
    public double? LivenessScore { get; private set; }
    public bool? LivenessPassed { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The photo's quality problems (as for selfies) when it could not be judged.</summary>
    public IReadOnlyList<string> QualityIssues { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    public IReadOnlyList<FaceEvent> PendingEvents => _events;
    IReadOnlyList<DomainEvent> IRaisesEvents.PendingEvents => _events;
    EventAudience IRaisesEvents.EventAudience => new(AccountId, LiveMode, SessionId);
    public void ClearPendingEvents() => _events.Clear();

    public static string NewId() => "bio_" + Guid.NewGuid().ToString("D");

    public static BiometricCheck Start(string id, Guid accountId, bool liveMode, string sessionId, Guid? templateId, double threshold,
        string? deviceInfo, string photoStorageKey, string? photoFileName, DateTime now)
    {
        if (threshold is < MinThreshold or > MaxThreshold || double.IsNaN(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold is between 50 and 100.");
        return new BiometricCheck
        {
            Id = id, AccountId = accountId, LiveMode = liveMode, SessionId = sessionId, TemplateId = templateId, Threshold = threshold,
            DeviceInfo = deviceInfo, PhotoStorageKey = photoStorageKey, PhotoFileName = photoFileName, Result = "pending",
            CreatedAt = Clock.ToSeconds(now),
        };
    }

    /// <summary>The photo held one face: its similarity to the template and its liveness (0–100). False when already completed.</summary>
    public bool Complete(double similarity, double livenessScore, bool livenessPassed, DateTime now)
    {
        if (Completed)
            return false;
        Similarity = Math.Round(Math.Clamp(similarity, 0, 100), 2);
        LivenessScore = Math.Round(Math.Clamp(livenessScore, 0, 100), 2);
        LivenessPassed = livenessPassed;
        Result = Similarity >= Threshold && livenessPassed ? "match" : "no_match";
        Finish(now);
        return true;
    }

    /// <summary>The photo could not be judged (<see cref="NoFace"/>, <see cref="SeveralFaces"/>, <see cref="Unreadable"/>, or null for our own failure).</summary>
    public bool Fail(string? error, IReadOnlyList<string> qualityIssues, DateTime now)
    {
        if (Completed)
            return false;
        Result = "error";
        Error = error;
        QualityIssues = qualityIssues.ToList();
        Finish(now);
        return true;
    }

    /// <summary>The photo's storage key to delete, taken off the check (it is examined only once).</summary>
    public string? TakePhoto()
    {
        var key = PhotoStorageKey;
        PhotoStorageKey = null;
        PhotoFileName = null;
        return key;
    }

    /// <summary>The session was redacted: what the caller sent about the device goes, the photo too; the scores stay.</summary>
    public string? Redact()
    {
        DeviceInfo = null;
        return TakePhoto();
    }

    private void Finish(DateTime now)
    {
        now = Clock.ToSeconds(now);
        Completed = true;
        CompletedAt = now;
        _events.Add(new FaceEvent("biometric.completed", now, new Dictionary<string, object?>
        {
            ["biometric_id"] = Id,
            ["session_id"] = SessionId,
            ["result"] = Result,
            ["similarity"] = Similarity,
            ["liveness_score"] = LivenessScore,
            ["liveness_passed"] = LivenessPassed,
            ["threshold_used"] = Threshold,
            ["error"] = Error,
            ["livemode"] = LiveMode,
        }));
    }
}
