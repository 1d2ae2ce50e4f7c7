namespace Verilock.Domain.Sessions;

/// <summary>
/// The settings a session runs with (spec §8.1): from a stored profile, an inline profile, or the defaults
/// for plain <c>steps</c>. A session keeps its own copy so later profile edits do not change it.
/// <see cref="FaceDuplicateCheck"/>: search the selfie's face among the account's templates when the checks end (spec §20).
/// </summary>
public sealed record ProfileSettings(
    IReadOnlyList<VerificationStep> Steps,
    string LivenessMode,
    int LivenessThreshold,
    IReadOnlyList<string> LivenessChallenges,
    IReadOnlyList<string> DocumentTypes,
    decimal? AmlThreshold,
    bool FaceDuplicateCheck = false)
{
    public const int DefaultLivenessThreshold = 75;

    public static IReadOnlyList<string> LivenessModes { get; } = ["passive", "active"];

    public static IReadOnlyList<string> AllChallenges { get; } = ["head_left", "head_right", "smile", "blink"];

    public static IReadOnlyList<string> AllDocumentTypes { get; } =
        ["passport", "id_card", "driving_license", "residence_permit"];

    public static ProfileSettings Defaults(IReadOnlyList<VerificationStep> steps) =>
        new(steps, "passive", DefaultLivenessThreshold, AllChallenges, AllDocumentTypes, null);
}
