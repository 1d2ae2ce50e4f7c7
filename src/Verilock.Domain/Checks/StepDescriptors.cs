using System.Text.Json.Nodes;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Checks;

/// <summary>The descriptor of every step, in the canonical step order (spec §8.1). Add a step here first.</summary>
public static class StepDescriptors
{
    public static IReadOnlyList<StepDescriptor> All { get; } =
    [
        new(VerificationStep.Document, typeof(DocumentStepDetails), DocumentUploadsMissing,
            session => [session.Document?.Front?.StorageKey, session.Document?.Back?.StorageKey],
            [
                new(RiskCalculator.DocumentAuthenticity, 0.25, 0, result =>
                {
                    var details = result.Details as DocumentStepDetails;
                    return (RiskCalculator.Inverse(result.Score), new JsonObject
                    {
                        ["mrz_valid"] = details?.MrzValid,
                        ["document_expired"] = details?.DocumentExpired,
                    });
                }),
                new(RiskCalculator.DataConsistency, 0.10, 4, DataConsistencyRisk),
            ]),
        new(VerificationStep.Selfie, typeof(SelfieStepDetails),
            session => session.Selfie is null ? ["selfie"] : [],
            session => [session.Selfie?.Media.StorageKey],
            []),
        new(VerificationStep.FaceMatch, typeof(FaceMatchStepDetails), _ => [], _ => [],
            [
                new(RiskCalculator.FaceMatch, 0.20, 1, result =>
                    (RiskCalculator.Inverse(result.Score), new JsonObject { ["similarity"] = result.Score })),
            ]),
        new(VerificationStep.Liveness, typeof(LivenessStepDetails), _ => [],
            session => session.Liveness?.Frames.Select(f => (string?)f.StorageKey) ?? [],
            [
                new(RiskCalculator.Liveness, 0.15, 2, result => (RiskCalculator.Inverse(result.Score), new JsonObject
                {
                    ["liveness_score"] = result.Score,
                    ["liveness_mode"] = (result.Details as LivenessStepDetails)?.Mode,
                })),
            ]),
        new(VerificationStep.Aml, typeof(AmlStepDetails), _ => [], _ => [],
            [
                new(RiskCalculator.AmlScreening, 0.15, 3, result => (RiskCalculator.Percent(result.Score ?? 0),
                    new JsonObject { ["matches_found"] = (result.Details as AmlStepDetails)?.Matches.Count ?? 0 })),
            ]),
    ];

    public static StepDescriptor For(VerificationStep step) =>
        All.FirstOrDefault(d => d.Step == step) ?? throw new ArgumentOutOfRangeException(nameof(step), step, "A step without a descriptor.");

    private static IEnumerable<string> DocumentUploadsMissing(Session session)
    {
        if (session.Document?.Front is null)
            yield return "document.front";
        if (SessionDocument.NeedsBack(session.Document?.Type) && session.Document?.Back is null)
            yield return "document.back";
    }

    /// <summary>Share of the compared fields that contradict the applicant; left out when nothing could be compared.</summary>
    private static (int, JsonObject)? DataConsistencyRisk(StepResult document)
    {
        if (RiskCalculator.DataConsistencyValues(document) is not { } consistency)
            return null;
        var compared = consistency.Where(v => v.Value is not null).ToList();
        if (compared.Count == 0)
            return null;
        var details = new JsonObject();
        foreach (var (name, value) in consistency)
            details[name] = value;
        return (RiskCalculator.Percent((double)compared.Count(v => v.Value == false) / compared.Count), details);
    }
}
