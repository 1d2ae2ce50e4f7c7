using System.Text.Json.Nodes;
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
        var raw = new List<(string Name, double DefaultWeight, int Score, JsonObject Details)>();
        StepResult Result(VerificationStep step) => results.GetValueOrDefault(step, StepResult.NotStarted);

        if (steps.Contains(VerificationStep.Document))
        {
            var document = Result(VerificationStep.Document);
            raw.Add((DocumentAuthenticity, 0.25, Inverse(document.Score), new JsonObject
            {
                ["mrz_valid"] = document.Details?["mrz_valid"]?.DeepClone(),
                ["document_expired"] = document.Details?["document_expired"]?.DeepClone(),
            }));
        }
        if (steps.Contains(VerificationStep.FaceMatch))
        {
            var face = Result(VerificationStep.FaceMatch);
            raw.Add((FaceMatch, 0.20, Inverse(face.Score), new JsonObject { ["similarity"] = face.Score }));
        }
        if (steps.Contains(VerificationStep.Liveness))
        {
            var liveness = Result(VerificationStep.Liveness);
            raw.Add((Liveness, 0.15, Inverse(liveness.Score), new JsonObject
            {
                ["liveness_score"] = liveness.Score,
                ["liveness_mode"] = liveness.Details?["mode"]?.DeepClone(),
            }));
        }
        if (steps.Contains(VerificationStep.Aml))
        {
            var aml = Result(VerificationStep.Aml);
            var matches = aml.Details?["matches"] as JsonArray;
            raw.Add((AmlScreening, 0.15, Percent(aml.Score ?? 0), new JsonObject { ["matches_found"] = matches?.Count ?? 0 }));
        }
        if (steps.Contains(VerificationStep.Document) && DataConsistencyValues(Result(VerificationStep.Document)) is { } consistency)
        {
            var compared = consistency.Where(v => v.Value is not null).ToList();
            if (compared.Count > 0)
            {
                var mismatches = compared.Count(v => v.Value == false);
                var details = new JsonObject();
                foreach (var (name, value) in consistency)
                    details[name] = value;
                raw.Add((DataConsistency, 0.10, Percent((double)mismatches / compared.Count), details));
            }
        }

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
        if (document.Details?["data_consistency"] is not JsonObject consistency)
            return null;
        return new[] { "name_match", "dob_match", "nationality_match" }
            .Select(name => new KeyValuePair<string, bool?>(name, consistency[name]?.GetValue<bool>()))
            .ToList();
    }

    /// <summary>An unscored check counts as the riskiest: nothing vouches for it.</summary>
    private static int Inverse(double? score) => Percent(1 - (score ?? 0));

    private static int Percent(double fraction) => (int)Round(100 * Math.Clamp(fraction, 0, 1), 0);

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
