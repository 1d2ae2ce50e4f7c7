using System.Text.Json.Nodes;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Checks;

/// <summary>
/// Everything the Domain knows about one check step, registered once in <see cref="StepDescriptors"/>: the record its
/// result's details are, the uploads submit needs, the stored files redaction deletes, and its risk components
/// (spec §10). The Server's side of a step (live runner, sandbox outcome, dashboard view) is registered beside it
/// in <c>Verilock.Server/Checks</c>. A step without a descriptor fails the descriptor tests.
/// </summary>
/// <param name="DetailsType">The <see cref="Details.StepDetails"/> record of this step's results.</param>
/// <param name="MissingUploads">The spec's 422 keys of what submit still needs (spec §8.6).</param>
/// <param name="MediaKeys">Storage keys of the files this step keeps for the session, for redaction.</param>
/// <param name="Risk">The step's components of the risk score; a step may have none or several.</param>
public sealed record StepDescriptor(
    VerificationStep Step,
    Type DetailsType,
    Func<Session, IEnumerable<string>> MissingUploads,
    Func<Session, IEnumerable<string?>> MediaKeys,
    IReadOnlyList<RiskRule> Risk);

/// <summary>
/// One component of spec §10's risk score. <paramref name="Position"/> is its place in the spec's list of components;
/// <paramref name="Score"/> gives its 0–100 score and details from the step's result, or null to leave it out.
/// </summary>
public sealed record RiskRule(string Name, double DefaultWeight, int Position, Func<StepResult, (int Score, JsonObject Details)?> Score);
