using Verilock.Domain.Common;

namespace Verilock.Domain.Faces;

/// <summary>Where a face template is in its life (spec §20).</summary>
public enum FaceTemplateState
{
    /// <summary>Taken from a session the checks sent to review: kept so an approval can enrol it, searchable by nobody.</summary>
    Candidate,

    /// <summary>The face of an approved session: what re-authentication compares with and face search scans.</summary>
    Enrolled,

    /// <summary>Deleted (redaction, decline): no embedding is left; the row says so to the other instances' indexes.</summary>
    Removed,
}

public static class FaceTemplateStates
{
    public static string ToWire(this FaceTemplateState state) => state switch
    {
        FaceTemplateState.Candidate => "candidate",
        FaceTemplateState.Enrolled => "enrolled",
        FaceTemplateState.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static FaceTemplateState Parse(string value) => value switch
    {
        "candidate" => FaceTemplateState.Candidate,
        "enrolled" => FaceTemplateState.Enrolled,
        "removed" => FaceTemplateState.Removed,
        _ => throw new InvalidDataException($"Unknown face template state '{value}'."),
    };
}

/// <summary>
/// A session's selfie embedding kept for re-authentication and face search (spec §20). The embedding is sealed
/// before it reaches this type (the media cipher, its data key a <c>media_keys</c> row named by
/// <see cref="StorageKey"/>), so the domain only decides when it is kept and when it goes. It records the model that
/// made it: an embedding of another model is not comparable, so a model change re-enrols or refuses it.
/// <see cref="ChangedAt"/> moves on every change, which is how every instance's in-memory index learns of it.
/// </summary>
public sealed class FaceTemplate
{
    // For EF Core.
    private FaceTemplate()
    {
        SessionId = null!;
        Model = null!;
    }

    private FaceTemplate(Guid id, Guid accountId, bool liveMode, string sessionId, string model, FaceTemplateState state,
        byte[] sealedEmbedding, DateTime now)
    {
        Id = id;
        AccountId = accountId;
        LiveMode = liveMode;
        SessionId = sessionId;
        Model = model;
        State = state;
        SealedEmbedding = sealedEmbedding;
        CreatedAt = now;
        ChangedAt = now;
        EnrolledAt = state == FaceTemplateState.Enrolled ? now : null;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public string SessionId { get; private set; }
    /// <summary>The embedding model's identity (file name and SHA-256 prefix).</summary>
    public string Model { get; private set; }
    public FaceTemplateState State { get; private set; }
    /// <summary>The embedding sealed by the media cipher; null once removed.</summary>
    public byte[]? SealedEmbedding { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? EnrolledAt { get; private set; }
    public DateTime ChangedAt { get; private set; }

    /// <summary>The name of the template's data key in <c>media_keys</c> (and the associated data of its seal).</summary>
    public string StorageKey => StorageKeyOf(Id);

    public const string StorageKeyPrefix = "face_template_";

    public static string StorageKeyOf(Guid id) => StorageKeyPrefix + id.ToString("N");

    /// <summary>A new template id, chosen before sealing since the seal is bound to it.</summary>
    public static Guid NewId() => Guid.CreateVersion7();

    /// <summary>
    /// The template of a session the checks have just decided: enrolled when approved, a candidate when it waits for
    /// review. A declined session keeps no face.
    /// </summary>
    public static FaceTemplate Capture(Guid id, Guid accountId, bool liveMode, string sessionId, string model, bool approved,
        byte[] sealedEmbedding, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (sealedEmbedding.Length == 0)
            throw new ArgumentException("A template has an embedding.", nameof(sealedEmbedding));
        return new FaceTemplate(id, accountId, liveMode, sessionId, model,
            approved ? FaceTemplateState.Enrolled : FaceTemplateState.Candidate, sealedEmbedding, Clock.ToSeconds(now));
    }

    /// <summary>A reviewed session was approved: its candidate becomes searchable. False when there was nothing to enrol.</summary>
    public bool Enrol(DateTime now)
    {
        if (State != FaceTemplateState.Candidate)
            return false;
        now = Clock.ToSeconds(now);
        State = FaceTemplateState.Enrolled;
        EnrolledAt = now;
        ChangedAt = now;
        return true;
    }

    /// <summary>Forgets the embedding (the caller shreds its data key in the same transaction). False when already removed.</summary>
    public bool Remove(DateTime now)
    {
        if (State == FaceTemplateState.Removed)
            return false;
        State = FaceTemplateState.Removed;
        SealedEmbedding = null;
        ChangedAt = Clock.ToSeconds(now);
        return true;
    }
}
