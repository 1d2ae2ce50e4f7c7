using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Checks;

/// <summary>
/// The risk score of spec §10: one component per step that has one, each scored 0–100 from its step result,
/// weighted by its default weight over the sum of the weights present. Rounding is half away from zero at
/// every stage the spec names, so integrators recomputing the composite from the components get the same number.
/// </summary>
public static class RiskCalculator
{
    public const string DocumentAuthenticity = "document_authenticity";
    public const string FaceMatch = "face_match";
    public const string Liveness = "liveness";
    public const string AmlScreening = "aml_screening";
    public const string DataConsistency = "data_consistency";

    private const int HighRiskFrom = 51;

    public static RiskAssessment Assess(
        IReadOnlyList<VerificationStep> steps, IReadOnlyDictionary<VerificationStep, StepResult> results, DateTime now)
    {
        StepResult Result(VerificationStep step) => results.GetValueOrDefault(step, StepResult.NotStarted);
        var raw = StepDescriptors.All
            .Where(descriptor => steps.Contains(descriptor.Step))
            .SelectMany(descriptor => descriptor.Risk.Select(rule => (Rule: rule, Scored: rule.Score(Result(descriptor.Step)))))
            .Where(component => component.Scored is not null)
            .OrderBy(component => component.Rule.Position)
            .Select(component => (component.Rule.Name, component.Rule.DefaultWeight, component.Scored!.Value.Score, component.Scored.Value.Details))
            .ToList();

        var weightSum = raw.Sum(c => c.DefaultWeight);
        var components = raw.Select(c =>
        {
            var weight = Round(c.DefaultWeight / weightSum, 4);
            return new RiskComponent(c.Name, c.Score, weight, Round(c.Score * weight, 2), c.Details);
        }).ToList();
        var composite = (int)Round(components.Sum(c => c.WeightedScore), 0);
        return new RiskAssessment(composite, Level(composite), components, now);
    }

    public static bool IsHigh(int compositeScore) => compositeScore >= HighRiskFrom;

    public static string Level(int score) => score switch
    {
        <= 25 => "low",
        <= 50 => "medium",
        <= 75 => "high",
        _ => "critical",
    };

    /// <summary>The <c>data_consistency</c> values of a document result, in the spec's order; null without any.</summary>
    public static IReadOnlyList<KeyValuePair<string, bool?>>? DataConsistencyValues(StepResult document)
    {
        if (document.Details is not DocumentStepDetails { DataConsistency: var consistency })
            return null;
        return
        [
            new("name_match", consistency.NameMatch),
            new("dob_match", consistency.DobMatch),
            new("nationality_match", consistency.NationalityMatch),
        ];
    }

    /// <summary>An unscored check counts as the riskiest: nothing vouches for it.</summary>
    internal static int Inverse(double? score) => Percent(1 - (score ?? 0));

    internal static int Percent(double fraction) => (int)Round(100 * Math.Clamp(fraction, 0, 1), 0);

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
