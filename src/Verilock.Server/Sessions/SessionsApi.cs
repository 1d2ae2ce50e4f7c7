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
            .WithSummary("Create a verification session (steps or a profile, the applicant, your reference)")
            .DocumentJsonBody<CreateSessionRequestDoc>()
            .Produces<SessionResponse>(StatusCodes.Status201Created)
            .DocumentExamples(OpenApiExamples.CreateSessionRequest, StatusCodes.Status201Created, OpenApiExamples.Session);
        sessions.MapGet("", ListSessions.Handle)
            .WithName("ListSessions")
            .WithSummary("List sessions, newest first, with filters")
            .DocumentListQuery(("status", "created, processing, approved, declined or expired"), ("reference_id", "Exact reference_id"))
            .Produces<Api.ListResponse<ListSessions.Item>>()
            .DocumentExamples(null, StatusCodes.Status200OK, OpenApiExamples.SessionList);
        sessions.MapGet("/{id}", GetSession.Handle)
            .WithName("GetSession")
            .WithSummary("A session: status, decision, results, risk, documents and selfie")
            .Produces<SessionResponse>()
            .DocumentExamples(null, StatusCodes.Status200OK, OpenApiExamples.Session);
        sessions.MapPost("/{id}/decision", DecideSession.Handle)
            .WithName("DecideSession")
            .WithSummary("Approve or decline a session waiting for review")
            .DocumentJsonBody<SessionDecisionRequestDoc>()
            .Produces<SessionResponse>();
        sessions.MapDelete("/{id}", RedactSession.Handle)
            .WithName("RedactSession")
            .WithSummary("Redact a session: delete its media and personal data, keep a tombstone")
            .Produces(StatusCodes.Status204NoContent)
            .DocumentErrors(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id}/documents", Documents.UploadDocument.Handle)
            .WithName("UploadDocument")
            .WithSummary("Upload a document's front and/or back (JPEG, PNG or PDF)")
            .DocumentMultipartBody<DocumentUploadDoc>()
            .Produces<Documents.DocumentResponse>();
        sessions.MapPost("/{id}/selfie", Documents.UploadSelfie.Handle)
            .WithName("UploadSelfie")
            .WithSummary("Upload the applicant's selfie (JPEG or PNG)")
            .DocumentMultipartBody<SelfieUploadDoc>()
            .Produces<Documents.SelfieResponse>();
        sessions.MapGet("/{id}/documents/{documentId}/{side}", Documents.GetMedia.DocumentImage)
            .WithName("GetDocumentImage")
            .WithSummary("Download a stored document side")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
        sessions.MapGet("/{id}/selfie", Documents.GetMedia.Selfie)
            .WithName("GetSelfieImage")
            .WithSummary("Download the stored selfie")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
        sessions.MapPost("/{id}/submit", SubmitSession.Handle)
            .WithName("SubmitSession")
            .WithSummary("Submit a session for its checks; the decision follows by webhook")
            .Produces<SubmitSession.Response>(StatusCodes.Status202Accepted)
            .DocumentErrors(StatusCodes.Status422UnprocessableEntity);
        sessions.MapGet("/{id}/risk", GetRisk.Handle)
            .WithName("GetSessionRisk")
            .WithSummary("A decided session's risk breakdown by component")
            .Produces<GetRisk.Response>()
            .DocumentErrors(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    public sealed record CreateSessionRequestDoc(
        string? Type, string[]? Steps, object? Applicant, string? ReferenceId, string? ExternalId, string? RedirectUrl,
        string? WebhookUrl, string? ProfileId, object? Profile, string? ApplicantEmail, string? ApplicantName,
        int? ExpiresIn, Dictionary<string, object?>? Metadata, bool? MonitoringEnabled, string? MonitoringFrequency);

    public sealed record SessionDecisionRequestDoc(string Decision, string? Reason);

    /// <summary>Multipart shapes for the OpenAPI document: both sides at once, or one side per request.</summary>
    public sealed record DocumentUploadDoc(IFormFile? Front, IFormFile? Back, string? Type, IFormFile? File, string? Side, string? DocumentType);

    public sealed record SelfieUploadDoc(IFormFile? Image, IFormFile? File);
}
