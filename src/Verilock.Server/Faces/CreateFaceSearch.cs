using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Faces;
using Verilock.Infrastructure.Faces;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Sessions;

namespace Verilock.Server.Faces;

/// <summary>
/// <c>POST /api/v1/face-search</c> (spec §20) <c>{"session_id","threshold":50–100 (default 90)}</c>: the session's face
/// against every other enrolled template of the caller's account and mode, answered at once (<c>201</c>) and kept.
/// Live, the session must have a face template (approved, or in review with its candidate); test mode follows
/// <see cref="SessionFaceSearch"/>'s sandbox rule. While this instance is still loading its index the answer is a
/// <c>503</c> with <c>Retry-After</c>, never a search that would miss templates.
/// </summary>
public static class CreateFaceSearch
{
    public static async Task<IResult> Handle(
        HttpContext context, VerilockDbContext db, OwnedSessions owned, FaceTemplateStore store, FaceSearchIndex index, SessionFaceSearch search,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var sessionId = fields.String("session_id", 40);
        if (sessionId is null && !errors.Has("session_id"))
            errors.Add("session_id", "The session_id field is required.");
        var threshold = fields.Number("threshold", (decimal)FaceSearch.MinThreshold, (decimal)FaceSearch.MaxThreshold);
        if (errors.Any)
            return errors.ToResult();

        var caller = context.Caller();
        var session = await owned.FindAsync(caller, sessionId!, cancellationToken);
        if (session is null || session.IsRedacted)
        {
            errors.Add("session_id", "No such session.");
            return errors.ToResult();
        }
        float[]? embedding = null;
        if (session.LiveMode)
        {
            var template = (await FaceTemplateStore.KeptForSessionAsync(db, session.AccountId, session.LiveMode, session.Id, cancellationToken)).FirstOrDefault();
            embedding = template is null ? null : await store.OpenAsync(db, template, cancellationToken);
            if (embedding is null)
            {
                errors.Add("session_id", "The session has no face template: it was not checked with a selfie, was declined, or was redacted.");
                return errors.ToResult();
            }
            if (!index.IsLoaded)
                return ApiError.Unavailable(5);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var found = await search.FindAsync(db, session, embedding, cancellationToken);
        var recorded = FaceSearch.Record(FaceSearch.NewId(), caller.AccountId, caller.LiveMode, session.Id,
            (double?)threshold ?? FaceSearch.DefaultThreshold, found, now);
        db.FaceSearches.Add(recorded);
        BiometricAudit.Add(db, caller, AuditActions.FaceSearched, session.Id, recorded.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Json(FaceSearchResponse.From(recorded), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
