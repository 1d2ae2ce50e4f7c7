using Verilock.Domain.Aml;

namespace Verilock.Server.Aml;

/// <summary>The Screening object of spec §11.1, returned by every AML screening endpoint. Field order follows the spec.</summary>
public sealed record ScreeningResponse(
    string Id,
    bool Livemode,
    string Status,
    string RiskLevel,
    string? ReferenceId,
    string? SessionId,
    ScreeningQueryResponse Query,
    IReadOnlyList<string> Lists,
    double Threshold,
    double HighestScore,
    int MatchesFound,
    IReadOnlyList<ScreeningMatchResponse> Matches,
    ScreeningDecisionResponse? Decision,
    bool MonitoringEnabled,
    string MonitoringFrequency,
    DateTime? LastMonitoringAt,
    bool IsMonitoringRun,
    string? ParentScreeningId,
    DateTime ScreenedAt,
    DateTime CreatedAt)
{
    /// <param name="lastMonitoringAt">When its latest monitoring run ran (<see cref="MonitoringFields.LastRunAsync(Verilock.Infrastructure.Persistence.VerilockDbContext, AmlScreening, CancellationToken)"/>).</param>
    public static ScreeningResponse From(AmlScreening s, DateTime? lastMonitoringAt) => new(
        s.Id,
        s.LiveMode,
        s.Status.ToWire(),
        s.Status.RiskLevel(),
        s.ReferenceId,
        s.SessionId,
        new ScreeningQueryResponse(s.Query.FullName, s.Query.FirstName, s.Query.LastName, s.Query.DateOfBirth, s.Query.Nationality),
        s.Lists,
        s.Threshold,
        s.HighestScore,
        s.MatchesFound,
        s.Matches.Select(m => new ScreeningMatchResponse(
            m.EntityId, m.List, m.Name, m.MatchedName, m.Score, m.Schema, m.Programs, m.DateOfBirth, m.Nationality, m.Reasons,
            MatchV1Fields.Lists(m.List), MatchV1Fields.EntityType(m.Schema), MatchV1Fields.Details(m))).ToList(),
        s.Decision is { } decision
            ? new ScreeningDecisionResponse(decision.ToWire(), s.DecisionReason, s.DecidedBy!, s.DecidedAt!.Value)
            : null,
        s.MonitoringEnabled,
        s.MonitoringFrequency.ToWire(),
        lastMonitoringAt,
        s.IsMonitoringRun,
        s.ParentScreeningId,
        s.ScreenedAt,
        s.CreatedAt);
}

public sealed record ScreeningQueryResponse(string? FullName, string? FirstName, string? LastName, string? DateOfBirth, string? Nationality);

public sealed record ScreeningMatchResponse(
    string EntityId,
    string List,
    string Name,
    string MatchedName,
    double Score,
    string Schema,
    IReadOnlyList<string> Programs,
    string? DateOfBirth,
    string? Nationality,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Lists,
    string EntityType,
    ScreeningMatchDetails Details);

public sealed record ScreeningDecisionResponse(string Decision, string? Reason, string DecidedBy, DateTime DecidedAt);
