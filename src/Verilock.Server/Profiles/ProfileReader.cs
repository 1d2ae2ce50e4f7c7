using Verilock.Domain.Sessions;
using Verilock.Server.Api;

namespace Verilock.Server.Profiles;

/// <summary>
/// Reads a verification profile (spec §8.1 table) from JSON: the inline <c>profile</c> of a create request
/// and the file given to <c>verilock profiles create</c> share these rules.
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

    /// <summary>Null when invalid; the errors are in <paramref name="fields"/>.</summary>
    public static ProfileSettings? Read(JsonFields fields)
    {
        var errorsBefore = fields.Errors.Count;
        var steps = Steps(fields);
        if (steps is null && !fields.Has("steps"))
            fields.Errors.Add(fields.PathOf("steps"), $"The {fields.PathOf("steps")} field is required.");

        var mode = fields.String("liveness_mode", 16);
        if (mode is not null && !ProfileSettings.LivenessModes.Contains(mode))
            fields.Errors.Add(fields.PathOf("liveness_mode"), $"The selected {fields.PathOf("liveness_mode")} is invalid. Allowed: passive, active.");
        var threshold = fields.Integer("liveness_threshold", 0, 100);
        var challenges = fields.Choices("liveness_challenges", ProfileSettings.AllChallenges);
        var documentTypes = fields.Choices("document_types", ProfileSettings.AllDocumentTypes);
        var amlThreshold = fields.Number("aml_threshold", 0.50m, 1.00m);
        // Whether an AML-only profile has a name to screen depends on each session's applicant: checked at creation.
        foreach (var problem in steps is null ? [] : VerificationSteps.Violations(steps, hasApplicantName: true))
            fields.Errors.Add(fields.PathOf("steps"), problem);

        if (fields.Errors.Count > errorsBefore || steps is null)
            return null;
        return new ProfileSettings(
            steps,
            mode ?? "passive",
            (int)(threshold ?? ProfileSettings.DefaultLivenessThreshold),
            challenges?.Distinct().ToArray() ?? ProfileSettings.AllChallenges,
            documentTypes?.Distinct().ToArray() ?? ProfileSettings.AllDocumentTypes,
            amlThreshold);
    }
}
