using Verilock.Domain.Sessions;

namespace Verilock.Domain.Accounts;

/// <summary>
/// Stored session settings of an account and mode, referenced by <c>profile_id</c> (spec §8.1, §17). A session copies
/// the settings when it is created, so a change or a deletion never reaches an existing session. Deletion is soft
/// (<see cref="DeletedAt"/>): the row stays so a session create naming it is refused as deleted rather than unknown.
/// </summary>
public sealed class VerificationProfile
{
    public const int MaxNameLength = 100;

    private VerificationProfile(Guid accountId, bool liveMode, string? name, ProfileSettings settings, DateTime createdAt)
    {
        AccountId = accountId;
        LiveMode = liveMode;
        Name = name;
        Settings = settings;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }

    /// <summary>Required by the API and the dashboard; profiles made by the command line before names were required may lack one.</summary>
    public string? Name { get; private set; }

    public ProfileSettings Settings { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public static VerificationProfile Create(Guid accountId, bool liveMode, string? name, ProfileSettings settings, DateTime now) =>
        new(accountId, liveMode, name, settings, now);

    public void Change(string? name, ProfileSettings settings, DateTime now)
    {
        if (name == Name && SameSettings(settings, Settings))
            return;
        Name = name;
        Settings = settings;
        UpdatedAt = now;
    }

    // The record's own equality compares the lists by reference.
    private static bool SameSettings(ProfileSettings a, ProfileSettings b) =>
        a.Steps.SequenceEqual(b.Steps) && a.LivenessMode == b.LivenessMode && a.LivenessThreshold == b.LivenessThreshold &&
        a.LivenessChallenges.SequenceEqual(b.LivenessChallenges) && a.DocumentTypes.SequenceEqual(b.DocumentTypes) &&
        a.AmlThreshold == b.AmlThreshold && a.FaceDuplicateCheck == b.FaceDuplicateCheck;

    public void Delete(DateTime now)
    {
        DeletedAt ??= now;
        UpdatedAt = now;
    }
}
