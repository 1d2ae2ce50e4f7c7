using Verilock.Domain.Checks;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Dashboard.Pages.Sessions;

/// <summary>A partial of the session page that shows a step's details; <see cref="Wide"/> ones take the card's full width.</summary>
public sealed record StepPanel(string View, bool Wide);

/// <summary>
/// How the dashboard shows each step, registered once: the session page renders the panels of its steps in descriptor
/// order. The switch has no default on purpose: a new <see cref="VerificationStep"/> does not compile until it says
/// how it is shown (null: its status and score in the checks table are all there is, as for the selfie, whose image
/// is under Images).
/// </summary>
public static class StepPanels
{
    public static readonly StepPanel Document = new("Steps/_DocumentPanel", Wide: false);
    public static readonly StepPanel Face = new("Steps/_FacePanel", Wide: false);
    public static readonly StepPanel Aml = new("Steps/_AmlPanel", Wide: true);

    // CS8524 asks for a default arm for numbers no step has; with one, CS8509 would no longer flag a missing step.
#pragma warning disable CS8524
    public static StepPanel? For(VerificationStep step) => step switch
    {
        VerificationStep.Document => Document,
        VerificationStep.Selfie => null,
        VerificationStep.FaceMatch or VerificationStep.Liveness => Face,
        VerificationStep.Aml => Aml,
    };
#pragma warning restore CS8524

    /// <summary>The panels of <paramref name="steps"/>, each once (face match and liveness share one), in descriptor order.</summary>
    public static IReadOnlyList<StepPanel> Of(IEnumerable<VerificationStep> steps)
    {
        var chosen = steps.ToHashSet();
        return StepDescriptors.All.Where(d => chosen.Contains(d.Step)).Select(d => For(d.Step)).OfType<StepPanel>().Distinct().ToList();
    }
}
