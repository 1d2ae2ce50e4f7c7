using Verilock.Domain.Checks;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Mrz;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Tests.Checks;

public class RiskCalculatorTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 45, 22, DateTimeKind.Utc);

    private static StepResult Document(double score, bool? nameMatch, bool? dobMatch, bool? nationalityMatch) => new(
        StepOutcome.Approved, score, DocumentStepDetails.Unread("passport") with
        {
            MrzValid = true,
            DocumentExpired = false,
            DataConsistency = new DataConsistency(nameMatch, dobMatch, nationalityMatch),
        });

    [Fact]
    public void The_spec_example_gives_its_exact_components_and_composite()
    {
        var risk = RiskCalculator.Assess(
            [VerificationStep.Document, VerificationStep.Selfie, VerificationStep.FaceMatch],
            new Dictionary<VerificationStep, StepResult>
            {
                [VerificationStep.Document] = Document(0.92, true, true, null),
                [VerificationStep.Selfie] = new(StepOutcome.Approved, null, null),
                [VerificationStep.FaceMatch] = new(StepOutcome.Approved, 0.964, new FaceMatchStepDetails(0.964, "very_high")),
            }, Now);

        Assert.Equal(5, risk.CompositeScore);
        Assert.Equal("low", risk.Level);
        Assert.Equal(Now, risk.CalculatedAt);
        Assert.Equal(
            [("document_authenticity", 8, 0.4545, 3.64), ("face_match", 4, 0.3636, 1.45), ("data_consistency", 0, 0.1818, 0.0)],
            risk.Components.Select(c => (c.Name, c.Score, c.Weight, c.WeightedScore)));
        Assert.Equal("""{"name_match":true,"dob_match":true,"nationality_match":null}""", risk.Components[2].Details.ToJsonString());
        Assert.Equal("""{"mrz_valid":true,"document_expired":false}""", risk.Components[0].Details.ToJsonString());
    }

    [Fact]
    public void Mismatches_count_over_the_fields_compared_and_nothing_compared_drops_the_component()
    {
        var steps = new[] { VerificationStep.Document };
        var half = RiskCalculator.Assess(steps, new Dictionary<VerificationStep, StepResult> { [VerificationStep.Document] = Document(1, true, false, null) }, Now);
        Assert.Equal(50, half.Components.Single(c => c.Name == "data_consistency").Score);
        Assert.Equal(0.2857, half.Components.Single(c => c.Name == "data_consistency").Weight);

        var none = RiskCalculator.Assess(steps, new Dictionary<VerificationStep, StepResult> { [VerificationStep.Document] = Document(1, null, null, null) }, Now);
        Assert.Equal(["document_authenticity"], none.Components.Select(c => c.Name));
        Assert.Equal(1.0, none.Components[0].Weight);
    }

    [Fact]
    public void An_unscored_check_is_the_riskiest_and_levels_follow_the_bands()
    {
        var risk = RiskCalculator.Assess([VerificationStep.Document, VerificationStep.Aml],
            new Dictionary<VerificationStep, StepResult>
            {
                [VerificationStep.Document] = new(StepOutcome.Pending, null, null),
                [VerificationStep.Aml] = new(StepOutcome.Pending, 0.87, new AmlStepDetails("aml_1", false, true, false,
                    [new AmlStepMatch("un", "1", "A", "A", 0.87), new AmlStepMatch("ofac", "2", "B", "B", 0.8)])),
            }, Now);
        Assert.Equal([100, 87], risk.Components.Select(c => c.Score));
        Assert.Equal(2, (int)risk.Components[1].Details["matches_found"]!);
        Assert.Equal(95, risk.CompositeScore); // 100 × 0.625 + 87 × 0.375 = 62.5 + 32.63
        Assert.Equal("critical", risk.Level);
        Assert.Equal(["low", "low", "medium", "medium", "high", "high", "critical"],
            new[] { 0, 25, 26, 50, 51, 75, 76 }.Select(RiskCalculator.Level));
    }
}
