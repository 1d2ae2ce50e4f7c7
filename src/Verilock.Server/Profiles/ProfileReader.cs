using Verilock.Domain.Sessions;
using Verilock.Server.Api;

namespace Verilock.Server.Profiles;

/// <summary>
/// Reads a verification profile (spec §8.1 table) from JSON: the inline <c>profile</c> of a create request,
/// <c>POST</c>/<c>PATCH /profiles</c>, the dashboard's profile form and the file given to <c>verilock profiles create</c>
/// share these rules.
/// </summary>
public static class ProfileReader
{
    public static readonly IReadOnlyList<string> StepNames =
        Enum.GetValues<VerificationStep>().Select(s => s.ToWire()).ToArray();

    /// <summary>Reads and normalises a <c>steps</c> array; null when absent or invalid (the error is recorded).</summary>
    public static IReadOnlyList<VerificationStep>? Steps(JsonFields fields, string name = "steps")
    {
        var names = fields.Choices(name, StepNames);
        return names is null
            ? null
            : VerificationSteps.Normalise(names.Select(n => VerificationSteps.TryParse(n, out var step) ? step : default));
    }

    /// <summary>
    /// The settings <paramref name="fields"/> give; null when invalid, with the errors in <paramref name="fields"/>.
    /// Without <paramref name="current"/> (a new profile) <c>steps</c> is required and every other key has its default;
    /// with it (a change) each key not given keeps its current value, and <c>aml_threshold: null</c> returns to the
    /// server's threshold (<c>Verilock:Aml:Threshold</c>).
    /// </summary>
    public static ProfileSettings? Read(JsonFields fields, ProfileSettings? current = null)
    {
        var errorsBefore = fields.Errors.Count;
        var steps = Steps(fields);
        if (steps is null && !fields.Has("steps") && current is null)
            fields.Errors.Add(fields.PathOf("steps"), $"The {fields.PathOf("steps")} field is required.");

        var mode = fields.String("liveness_mode", 16);
        if (mode is not null && !ProfileSettings.LivenessModes.Contains(mode))
            fields.Errors.Add(fields.PathOf("liveness_mode"), $"The selected {fields.PathOf("liveness_mode")} is invalid. Allowed: passive, active.");
        var threshold = fields.Integer("liveness_threshold", 0, 100);
        var challenges = fields.Choices("liveness_challenges", ProfileSettings.AllChallenges);
        var documentTypes = fields.Choices("document_types", ProfileSettings.AllDocumentTypes);
        var amlThreshold = fields.Number("aml_threshold", 0.50m, 1.00m);
        var faceDuplicateCheck = fields.Boolean("face_duplicate_check");
        // Whether an AML-only profile has a name to screen depends on each session's applicant: checked at creation.
        foreach (var problem in steps is null ? [] : VerificationSteps.Violations(steps, hasApplicantName: true))
            fields.Errors.Add(fields.PathOf("steps"), problem);

        if (fields.Errors.Count > errorsBefore)
            return null;
        var basis = current ?? (steps is null ? null : ProfileSettings.Defaults(steps));
        if (basis is null)
            return null;
        return new ProfileSettings(
            steps ?? basis.Steps,
            mode ?? basis.LivenessMode,
            threshold is { } t ? (int)t : basis.LivenessThreshold,
            challenges?.Distinct().ToArray() ?? basis.LivenessChallenges,
            documentTypes?.Distinct().ToArray() ?? basis.DocumentTypes,
            amlThreshold ?? (current is not null && fields.IsNull("aml_threshold") ? null : basis.AmlThreshold),
            faceDuplicateCheck ?? basis.FaceDuplicateCheck);
    }
}
