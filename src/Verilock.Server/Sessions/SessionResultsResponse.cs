using System.Text.Json.Serialization;
using Verilock.Domain.Rules;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Sessions;

/// <summary>
/// A session's <c>results</c> (spec §9): one entry per step of the session, in the steps' order, and — only when the
/// account's orchestration rules ran on it — <c>rules</c> (spec §18). Keys the session does not have are left out, so
/// the shape is the step map it always was.
/// </summary>
public sealed class SessionResultsResponse
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepResultResponse? Document { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepResultResponse? Selfie { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepResultResponse? FaceMatch { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepResultResponse? Liveness { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepResultResponse? Aml { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuleLogResponse? Rules { get; init; }

    public static SessionResultsResponse From(Session session)
    {
        if (session.IsRedacted)
            return new SessionResultsResponse();
        StepResultResponse? Of(VerificationStep step) =>
            session.Steps.Contains(step) ? StepResultResponse.From(session.Results.GetValueOrDefault(step, StepResult.NotStarted)) : null;
        return new SessionResultsResponse
        {
            Document = Of(VerificationStep.Document),
            Selfie = Of(VerificationStep.Selfie),
            FaceMatch = Of(VerificationStep.FaceMatch),
            Liveness = Of(VerificationStep.Liveness),
            Aml = Of(VerificationStep.Aml),
            Rules = session.RuleLog is { } log ? RuleLogResponse.From(log) : null,
        };
    }
}

/// <summary><c>results.rules</c>: the rules evaluated, in order, and the one that decided (null when none did).</summary>
public sealed record RuleLogResponse(IReadOnlyList<RuleEvaluatedResponse> Evaluated, string? Applied)
{
    public static RuleLogResponse From(RuleLog log) =>
        new(log.Evaluated.Select(e => new RuleEvaluatedResponse(e.RuleId, e.Name, e.Matched)).ToArray(), log.Applied);
}

public sealed record RuleEvaluatedResponse(string RuleId, string Name, bool Matched);
