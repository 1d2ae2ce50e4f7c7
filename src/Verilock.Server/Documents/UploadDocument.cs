using Verilock.Domain.Media;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Documents;

/// <summary>
/// <c>POST /api/v1/sessions/{id}/documents</c> (spec §8.4): the identity document, both sides at once
/// (<c>front</c>, <c>back</c>, <c>type</c>) or one side per request (<c>file</c>, <c>side</c>, <c>document_type</c>).
/// </summary>
public static class UploadDocument
{
    private static readonly HashSet<string> FileFields = ["front", "back", "file"];
    private static readonly MediaKind[] Accepted = [MediaKind.Jpeg, MediaKind.Png, MediaKind.Pdf];

    public static async Task<IResult> Handle(
        string id, HttpContext context, OwnedSessions owned, VerilockDbContext db, MediaUploads uploads, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(context.Caller(), id, cancellationToken);
        if (session is null)
            return ApiError.NotFound("No such session.");
        var outcome = await AcceptAsync(context, session, db, uploads, time, cancellationToken);
        return outcome.Error ?? Results.Json(outcome.Document, ApiJson.Options);
    }

    /// <summary>The answer to an upload: the error to send, or the document and the sides this request wrote.</summary>
    public sealed record Outcome(IResult? Error, DocumentResponse? Document, IReadOnlyList<DocumentSide> Sides);

    /// <summary>The upload into a session the caller may write to, however it was authorised (API key or hosted-flow token).</summary>
    public static async Task<Outcome> AcceptAsync(
        HttpContext context, Session session, VerilockDbContext db, MediaUploads uploads, TimeProvider time, CancellationToken cancellationToken)
    {
        static Outcome Fail(IResult error) => new(error, null, []);
        var (form, formError) = await MediaUploads.ReadFormAsync(context.Request, session, VerificationStep.Document, FileFields, time, cancellationToken);
        if (form is null)
            return Fail(formError!);
        var oneSide = form.Files.ContainsKey("file") || form.Fields.ContainsKey("side");
        var (request, errors) = oneSide ? ReadOneSide(form, session) : ReadBothSides(form, session);
        if (errors.Any)
            return Fail(errors.ToResult());

        var files = new List<(MultipartForm.FilePart File, MediaKind Kind)>();
        foreach (var (_, file) in request.Files)
        {
            var (kind, error) = MediaUploads.Check(file, Accepted);
            if (error is not null)
                return Fail(error);
            files.Add((file, kind!.Value));
        }

        var conflict = await uploads.AttachAsync(db, session, VerificationStep.Document, files, (stored, now) =>
        {
            StoredMedia? Side(DocumentSide side) =>
                request.Files.FindIndex(f => f.Side == side) is var i and >= 0 ? stored[i] : null;
            return session.PutDocument(request.Type, Side(DocumentSide.Front), Side(DocumentSide.Back), now);
        }, cancellationToken);
        if (conflict is not null)
            return Fail(conflict);
        var document = DocumentResponse.From(session.Id, session.Document!, oneSide ? request.Files[0].Side : null);
        return new Outcome(null, document, request.Files.Select(f => f.Side).ToList());
    }

    private sealed record UploadRequest(string? Type, List<(DocumentSide Side, MultipartForm.FilePart File)> Files);

    private static (UploadRequest, ValidationErrors) ReadBothSides(MultipartForm form, Session session)
    {
        var errors = new ValidationErrors();
        var type = ReadType(form, "type", required: true, session, errors);
        var files = new List<(DocumentSide, MultipartForm.FilePart)>();
        if (form.Files.TryGetValue("front", out var front))
            files.Add((DocumentSide.Front, front));
        else
            errors.Add("front", "The front file is required.");
        if (form.Files.TryGetValue("back", out var back))
            files.Add((DocumentSide.Back, back));
        else if (type is not null && SessionDocument.NeedsBack(type))
            errors.Add("back", $"The back file is required for a {type}.");
        return (new UploadRequest(type, files), errors);
    }

    private static (UploadRequest, ValidationErrors) ReadOneSide(MultipartForm form, Session session)
    {
        var errors = new ValidationErrors();
        var type = ReadType(form, "document_type", required: false, session, errors);
        DocumentSide? side = form.Fields.GetValueOrDefault("side") switch
        {
            "front" => DocumentSide.Front,
            "back" => DocumentSide.Back,
            null or "" => null,
            _ => null,
        };
        if (side is null)
            errors.Add("side", form.Fields.TryGetValue("side", out var given) && given.Length > 0
                ? "The selected side is invalid. Allowed: front, back."
                : "The side field is required.");
        var files = new List<(DocumentSide, MultipartForm.FilePart)>();
        if (!form.Files.TryGetValue("file", out var file))
            errors.Add("file", "The file field is required.");
        else if (side is not null)
            files.Add((side.Value, file));
        return (new UploadRequest(type, files), errors);
    }

    private static string? ReadType(MultipartForm form, string field, bool required, Session session, ValidationErrors errors)
    {
        if (!form.Fields.TryGetValue(field, out var type) || type.Length == 0)
        {
            if (required)
                errors.Add(field, $"The {field} field is required.");
            return null;
        }
        if (!ProfileSettings.AllDocumentTypes.Contains(type))
        {
            errors.Add(field, $"The selected {field} is invalid. Allowed: {string.Join(", ", ProfileSettings.AllDocumentTypes)}.");
            return null;
        }
        if (!session.Settings.DocumentTypes.Contains(type))
        {
            errors.Add(field, $"This session accepts only: {string.Join(", ", session.Settings.DocumentTypes)}.");
            return null;
        }
        return type;
    }
}
