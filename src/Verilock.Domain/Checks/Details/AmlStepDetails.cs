namespace Verilock.Domain.Checks.Details;

/// <summary><c>results.aml.details</c>: the screening the step made and what it matched.</summary>
public sealed record AmlStepDetails(
    string ScreeningId, bool Pep, bool Sanctions, bool AdverseMedia, IReadOnlyList<AmlStepMatch> Matches) : StepDetails;

public sealed record AmlStepMatch(string List, string EntityId, string Name, string MatchedName, double Score);
