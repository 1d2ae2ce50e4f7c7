using Verilock.Domain.Accounts;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Profiles;

/// <summary>
/// A verification profile as the API shows it (spec §17). <c>aml_threshold</c> is null when the profile leaves it to
/// the server's screening threshold; <c>name</c> is null only for profiles the command line made without <c>--name</c>.
/// </summary>
public sealed record ProfileResponse(
    string Id,
    bool Livemode,
    string? Name,
    IReadOnlyList<string> Steps,
    string LivenessMode,
    int LivenessThreshold,
    IReadOnlyList<string> LivenessChallenges,
    IReadOnlyList<string> DocumentTypes,
    decimal? AmlThreshold,
    bool FaceDuplicateCheck,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static ProfileResponse From(VerificationProfile p) => new(
        p.Id.ToString("D"), p.LiveMode, p.Name, p.Settings.Steps.Select(s => s.ToWire()).ToArray(), p.Settings.LivenessMode,
        p.Settings.LivenessThreshold, p.Settings.LivenessChallenges, p.Settings.DocumentTypes, p.Settings.AmlThreshold,
        p.Settings.FaceDuplicateCheck, p.CreatedAt, p.UpdatedAt);
}
