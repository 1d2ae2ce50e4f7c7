namespace Verilock.Domain.Checks.Details;

/// <summary><c>results.liveness.details</c>: the verdict, the mode it was reached in, and each active challenge's outcome.</summary>
public sealed record LivenessStepDetails(bool IsLive, string? Mode, IReadOnlyList<ChallengeResult> Challenges) : StepDetails;

public sealed record ChallengeResult(string Challenge, bool Passed);
