using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Faces;
using Verilock.Domain.Media;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Checks;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Checks;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Faces;

/// <summary>
/// <c>POST /api/v1/auth/biometric</c> (spec §20): multipart <c>session_id</c>, <c>file</c> (JPEG/PNG ≤ 10 MiB),
/// <c>threshold</c> (50–100, default 80), <c>device_info</c> (a JSON object). The photo is stored encrypted and
/// examined by the check workers; the answer is <c>202</c> at once. The session must be an approved one of the caller's
/// account and mode whose face template was made by the current face model (live keys); anything else is a
/// <c>422</c> naming <c>session_id</c>. Each session's face can be tried a limited number of times an hour.
/// </summary>
public static class CreateBiometricCheck
{
    private static readonly HashSet<string> FileFields = ["file"];
    private static readonly MediaKind[] Accepted = [MediaKind.Jpeg, MediaKind.Png];
    private const int MaxDeviceInfoLength = 4096;

    public sealed record Response(string Id, string Status, string Message);

    public static async Task<IResult> Handle(
        HttpContext context, VerilockDbContext db, OwnedSessions owned, MediaStore media, CheckModels models,
        IOptions<BiometricOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var read = await MultipartForm.ReadAsync(context.Request, FileFields, cancellationToken);
        if (read.Form is not { } form)
            return read.Error!;
        var errors = new ValidationErrors();
        var sessionId = form.Fields.GetValueOrDefault("session_id")?.Trim();
        if (string.IsNullOrEmpty(sessionId))
            errors.Add("session_id", "The session_id field is required.");
        var threshold = ReadThreshold(form.Fields.GetValueOrDefault("threshold"), errors);
        var deviceInfo = ReadDeviceInfo(form.Fields.GetValueOrDefault("device_info"), errors);
        var file = form.Files.GetValueOrDefault("file");
        if (file is null)
            errors.Add("file", "The file field is required: a JPEG or PNG photo of the person's face.");
        if (errors.Any)
            return errors.ToResult();
        var (_, fileError) = MediaUploads.Check(file!, Accepted);
        if (fileError is not null)
            return fileError;

        var caller = context.Caller();
        var session = await owned.FindAsync(caller, sessionId!, cancellationToken);
        var (template, refusal) = await TemplateOfAsync(db, models, session, cancellationToken);
        if (refusal is not null)
        {
            errors.Add("session_id", refusal);
            return errors.ToResult();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var limit = options.Value.AttemptsPerSessionPerHour;
        var hourAgo = now.AddHours(-1);
        var recent = await db.BiometricChecks.Where(c => c.AccountId == caller.AccountId && c.LiveMode == caller.LiveMode
            && c.SessionId == session!.Id && c.CreatedAt > hourAgo).Select(c => c.CreatedAt).ToListAsync(cancellationToken);
        if (recent.Count >= limit)
        {
            var retryAfter = (int)Math.Ceiling((recent.Min().AddHours(1) - now).TotalSeconds);
            context.Response.Headers.RetryAfter = Math.Max(1, retryAfter).ToString(CultureInfo.InvariantCulture);
            return ApiError.Result(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded",
                $"This session's face was tried {limit} times in the last hour. Retry after the number of seconds in Retry-After.",
                new { retry_after = Math.Max(1, retryAfter) });
        }

        var photoKey = await media.StoreAsync(file!.Content, cancellationToken);
        try
        {
            var check = BiometricCheck.Start(BiometricCheck.NewId(), caller.AccountId, caller.LiveMode, session!.Id, template?.Id, threshold,
                deviceInfo, photoKey, file.FileName, now);
            db.BiometricChecks.Add(check);
            db.CheckJobs.Add(CheckJobQueue.NewJob(check.Id, now, now));
            BiometricAudit.Add(db, caller, AuditActions.BiometricChecked, session.Id, check.Id, now);
            await db.SaveChangesAsync(cancellationToken);
            return Results.Json(new Response(check.Id, "processing", "Biometric authentication started."), ApiJson.Options,
                statusCode: StatusCodes.Status202Accepted);
        }
        catch
        {
            await media.DeleteAsync([photoKey], CancellationToken.None);
            throw;
        }
    }

    /// <summary>The enrolled template to compare with (none in test mode), or why the session cannot be used.</summary>
    private static async Task<(FaceTemplate? Template, string? Refusal)> TemplateOfAsync(
        VerilockDbContext db, CheckModels models, Session? session, CancellationToken cancellationToken)
    {
        if (session is null || session.IsRedacted)
            return (null, "No such session.");
        if (session.Status != SessionStatus.Approved)
            return (null, $"The session is {session.Status.ToWire()}; only an approved session's face can be re-authenticated.");
        if (!session.LiveMode)
            return (null, null);
        var template = (await Infrastructure.Faces.FaceTemplateStore.KeptForSessionAsync(db, session.AccountId, session.LiveMode, session.Id, cancellationToken))
            .FirstOrDefault(t => t.State == FaceTemplateState.Enrolled);
        if (template is null)
            return (null, "The session has no face template: it was verified without a selfie, or before face templates were kept.");
        if (models.TryFaces(out _) is { } faces && template.Model != faces.EmbeddingModel)
            return (null, "The session's face template was made by another face model and cannot be compared; verify the person again with a new session.");
        return (template, null);
    }

    private static double ReadThreshold(string? value, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return BiometricCheck.DefaultThreshold;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold)
            && threshold is >= BiometricCheck.MinThreshold and <= BiometricCheck.MaxThreshold)
            return threshold;
        errors.Add("threshold", "The threshold must be a number from 50 to 100.");
        return BiometricCheck.DefaultThreshold;
    }

    private static string? ReadDeviceInfo(string? value, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (value.Length > MaxDeviceInfoLength)
        {
            errors.Add("device_info", $"The device_info field may not be longer than {MaxDeviceInfoLength} characters.");
            return null;
        }
        try
        {
            using var parsed = JsonDocument.Parse(value);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
                return parsed.RootElement.GetRawText();
        }
        catch (JsonException)
        {
        }
        errors.Add("device_info", "The device_info field must be a JSON object.");
        return null;
    }
}
