namespace Verilock.Domain.Sessions;

/// <summary>The checks a session can run, in their canonical order (spec §8.1).</summary>
public enum VerificationStep
{
    Document,
    Selfie,
    FaceMatch,
    Liveness,
    Aml,
}

public static class VerificationSteps
{
    private static readonly string[] WireNames = ["document", "selfie", "face_match", "liveness", "aml"];

    public static string ToWire(this VerificationStep step) => WireNames[(int)step];

    public static bool TryParse(string value, out VerificationStep step)
    {
        var index = Array.IndexOf(WireNames, value);
        step = (VerificationStep)Math.Max(index, 0);
        return index >= 0;
    }

    public static string AllowedList => string.Join(", ", WireNames);

    /// <summary>Drops duplicates and sorts into the canonical order.</summary>
    public static IReadOnlyList<VerificationStep> Normalise(IEnumerable<VerificationStep> steps) =>
        steps.Distinct().Order().ToArray();

    /// <summary>
    /// Dependency rules between steps. Returns human-readable violations; empty when the set is valid.
    /// <paramref name="hasApplicantName"/> tells whether an AML step without a document has a name to screen.
    /// </summary>
    public static IReadOnlyList<string> Violations(IReadOnlyCollection<VerificationStep> steps, bool hasApplicantName)
    {
        var problems = new List<string>();
        if (steps.Count == 0)
            problems.Add("At least one step is required.");
        if (steps.Contains(VerificationStep.FaceMatch) &&
            !(steps.Contains(VerificationStep.Document) && steps.Contains(VerificationStep.Selfie)))
            problems.Add("The face_match step requires the document and selfie steps.");
        if (steps.Contains(VerificationStep.Liveness) && !steps.Contains(VerificationStep.Selfie))
            problems.Add("The liveness step requires the selfie step.");
        if (steps.Contains(VerificationStep.Aml) && !steps.Contains(VerificationStep.Document) && !hasApplicantName)
            problems.Add("The aml step without a document step requires applicant.first_name and applicant.last_name.");
        return problems;
    }
}
