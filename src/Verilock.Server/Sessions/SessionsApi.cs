using Verilock.Server.Api;

namespace Verilock.Server.Sessions;

/// <summary>Maps the session endpoints under <c>/api/v1/sessions</c>.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessions(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("", CreateSession.Handle)
            .WithName("CreateSession")
            .DocumentJsonBody<CreateSessionRequestDoc>()
            .Produces<SessionResponse>(StatusCodes.Status201Created);
        sessions.MapGet("", ListSessions.Handle)
            .WithName("ListSessions")
            .Produces<Api.ListResponse<ListSessions.Item>>();
        sessions.MapGet("/{id}", GetSession.Handle)
            .WithName("GetSession")
            .Produces<SessionResponse>();
        sessions.MapPost("/{id}/decision", DecideSession.Handle)
            .WithName("DecideSession")
            .DocumentJsonBody<DecisionRequestDoc>()
            .Produces<SessionResponse>();
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    public sealed record CreateSessionRequestDoc(
        string? Type, string[]? Steps, object? Applicant, string? ReferenceId, string? ExternalId, string? RedirectUrl,
        string? WebhookUrl, string? ProfileId, object? Profile, string? ApplicantEmail, string? ApplicantName,
        int? ExpiresIn, Dictionary<string, object?>? Metadata, bool? MonitoringEnabled);

    public sealed record DecisionRequestDoc(string Decision, string? Reason);
}
