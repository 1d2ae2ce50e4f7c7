using Verilock.Domain.Faces;

namespace Verilock.Server.Faces;

/// <summary>
/// A biometric check as <c>GET /auth/biometric/{id}</c> shows it (spec §20; scores 0–100). <c>quality_issues</c> lists
/// what made a photo unusable (the selfie gates: <c>face_too_small</c>, <c>too_dark</c>, …) when <c>error</c> is
/// <c>unreadable</c> for that reason.
/// </summary>
public sealed record BiometricResponse(
    string Id, string SessionId, string Status, string Result, double? Similarity, double? LivenessScore, bool? LivenessPassed,
    double ThresholdUsed, string? Error, IReadOnlyList<string> QualityIssues, DateTime CreatedAt, DateTime? CompletedAt)
{
    public static BiometricResponse From(BiometricCheck check) => new(
        check.Id, check.SessionId, check.Completed ? "completed" : "processing", check.Result, check.Similarity, check.LivenessScore,
        check.LivenessPassed, check.Threshold, check.Error, check.QualityIssues, check.CreatedAt, check.CompletedAt);
}
