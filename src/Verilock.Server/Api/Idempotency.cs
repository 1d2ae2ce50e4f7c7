using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Auth;

namespace Verilock.Server.Api;

/// <summary>
/// <c>Idempotency-Key</c> on API POSTs (spec §5). The first request claims the key with an empty record; its
/// response is stored when it finishes (not 401/429/5xx, which are released for a retry). A repeat with the
/// same fingerprint within 24 h replays the stored response; a different fingerprint, or a repeat while the
/// first is still running, is a 409 (for at most <see cref="AbandonedAfter"/>: a claim that old is a dead request's). Responses that show a secret once (<see cref="ShownOnceResponse"/>) are
/// not kept: their replay is a 409. When the database goes away between the claim and its outcome, the request
/// still answers (its response, or 503) and the outcome is written once the database is back (<see cref="IdempotencyBacklog"/>).
/// </summary>
public sealed partial class Idempotency(TimeProvider time, IdempotencyBacklog backlog, ILogger<Idempotency> logger)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// A claim still without an outcome after this long belongs to a request whose instance died (SIGKILL, power cut):
    /// a live request writes its outcome or releases its claim, even through a database outage once the database is
    /// back. Without a limit its key would answer "still being processed" for 24 hours and the client could never
    /// finish; after it, a retry runs the request anew. The dead request's late outcome, if any, is fenced out by its
    /// claim's instant. Two minutes is far beyond any request the API serves, uploads included.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var key = context.Request.Headers[Header].ToString();
        var caller = context.Features.Get<ApiCaller>();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || caller is null)
        {
            await next(context);
            return;
        }
        if (key.Length > 255 || key.Any(c => c is < ' ' or > '~'))
        {
            var errors = new ValidationErrors();
            errors.Add("idempotency_key", "The Idempotency-Key header must be 1 to 255 printable ASCII characters.");
            await errors.ToResult().ExecuteAsync(context);
            return;
        }

        var db = context.RequestServices.GetRequiredService<VerilockDbContext>();
        var fingerprint = await FingerprintAsync(context.Request, context.RequestAborted);
        // Stored exactly (both databases keep microseconds), so the claim's instant can fence its release.
        var now = Clock.ToMicroseconds(time.GetUtcNow().UtcDateTime);
        await backlog.WriteDeferredAsync(db, caller.AccountId, caller.LiveMode, key, context.RequestAborted);
        var (claimed, existing) = await ClaimAsync(db, caller, key, fingerprint, now, context.RequestAborted);
        if (!claimed)
        {
            await AnswerRepeatAsync(context, existing!, fingerprint);
            return;
        }

        var claim = new IdempotencyBacklog.Claim(caller.AccountId, caller.LiveMode, key, now);
        var originalBody = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var keep = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            keep = status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status429TooManyRequests) && status < 500;
            if (keep)
                await StoreAsync(context, db, claim, captured.ToArray());
        }
        finally
        {
            // The real body first: an error handler answering an exception from here on writes to the client.
            context.Response.Body = originalBody;
            if (!keep)
                await ReleaseAsync(db, claim);
            captured.Position = 0;
            await captured.CopyToAsync(originalBody, CancellationToken.None);
        }
    }

    /// <summary>
    /// Keeps the response for replays. If the database went away after the request's own write committed, the
    /// response is still the truth and is answered; it is kept once the database is back.
    /// </summary>
    private async Task StoreAsync(HttpContext context, VerilockDbContext db, IdempotencyBacklog.Claim claim, byte[] body)
    {
        var status = context.Response.StatusCode;
        var (storedStatus, storedBody) = status is >= 200 and < 300 && ShownOnceResponse.AppliesTo(context)
            ? (StatusCodes.Status409Conflict, ShownOnceResponse.ReplayRefusal)
            : (status, body);
        var response = new IdempotencyBacklog.Response(storedStatus, context.Response.Headers.Location.ToString(), storedBody, SessionOf(context));
        try
        {
            await IdempotencyBacklog.StoreAsync(db, claim, response, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            backlog.Defer(claim, response);
            LogDeferred(logger, ex);
        }
    }

    /// <summary>Frees the key for a retry; while the database is unreachable, once it is back.</summary>
    private async Task ReleaseAsync(VerilockDbContext db, IdempotencyBacklog.Claim claim)
    {
        try
        {
            await IdempotencyBacklog.ReleaseAsync(db, claim, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            backlog.Defer(claim, null);
            LogDeferred(logger, ex);
        }
    }

    // The key is the client's text and may carry anything: it is not logged.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write an idempotency outcome (database unavailable); it is written when the database is back")]
    private static partial void LogDeferred(ILogger logger, Exception exception);

    /// <summary>What a replay gets once the session its response described was redacted (spec §8.9: nothing of it is kept).</summary>
    public static readonly byte[] RedactedReplayRefusal = JsonSerializer.SerializeToUtf8Bytes(
        new ApiError("conflict",
            "This Idempotency-Key was used for a request about a session that has since been redacted; its response is no longer kept.",
            null),
        ApiJson.Options);

    /// <summary>
    /// Blanks the stored responses of requests about a redacted session: a create's response holds the applicant, an
    /// upload's the file name. The records stay, answering 409, so a retried create does not quietly make a new session.
    /// </summary>
    public static Task ForgetSessionAsync(VerilockDbContext db, Guid accountId, bool liveMode, string sessionId, CancellationToken cancellationToken) =>
        db.IdempotencyRecords
            .Where(r => r.AccountId == accountId && r.LiveMode == liveMode && r.SessionId == sessionId)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.StatusCode, StatusCodes.Status409Conflict)
                .SetProperty(x => x.Location, (string?)null)
                .SetProperty(x => x.ResponseBody, RedactedReplayRefusal), cancellationToken);

    /// <summary>The session a request was about: the one it created (its <c>Location</c>) or the one its path names.</summary>
    private static string? SessionOf(HttpContext context)
    {
        const string sessions = "/api/v1/sessions/";
        foreach (var path in new[] { context.Response.Headers.Location.ToString(), context.Request.Path.Value ?? "" })
        {
            if (!path.StartsWith(sessions, StringComparison.Ordinal))
                continue;
            var rest = path[sessions.Length..];
            var id = rest.IndexOf('/') is var end and >= 0 ? rest[..end] : rest;
            if (id.Length is > 0 and <= 100)
                return id;
        }
        return null;
    }

    /// <summary>Inserts the claim; when the key is already taken, returns the live record instead.</summary>
    private static async Task<(bool Claimed, IdempotencyRecord? Existing)> ClaimAsync(
        VerilockDbContext db, ApiCaller caller, string key, string fingerprint, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now - Retention;
        var abandoned = now - AbandonedAfter;
        await db.IdempotencyRecords
            .Where(r => r.AccountId == caller.AccountId && r.LiveMode == caller.LiveMode && r.Key == key
                        && (r.CreatedAt <= cutoff || (r.StatusCode == null && r.CreatedAt <= abandoned)))
            .ExecuteDeleteAsync(cancellationToken);
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            AccountId = caller.AccountId, LiveMode = caller.LiveMode, Key = key, Fingerprint = fingerprint, CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (true, null);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.AccountId == caller.AccountId && r.LiveMode == caller.LiveMode && r.Key == key, cancellationToken);
            // Released between our insert and this read: the caller may simply retry.
            return (false, existing ?? new IdempotencyRecord { Key = key, Fingerprint = fingerprint, CreatedAt = now });
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task AnswerRepeatAsync(HttpContext context, IdempotencyRecord existing, string fingerprint)
    {
        if (existing.Fingerprint != fingerprint)
        {
            await ApiError.Conflict("This Idempotency-Key was already used with a different request.").ExecuteAsync(context);
            return;
        }
        if (existing.StatusCode is null || existing.ResponseBody is null)
        {
            await ApiError.Conflict("A request with this Idempotency-Key is still being processed. Retry shortly.").ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = existing.StatusCode.Value;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (!string.IsNullOrEmpty(existing.Location))
            context.Response.Headers.Location = existing.Location;
        if (existing.ResponseBody.Length > 0)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(existing.ResponseBody, context.RequestAborted);
        }
    }

    /// <summary>
    /// Method + path + body (spec §5): JSON with object keys sorted, so formatting and key order do not matter;
    /// multipart as its field names, text values and file SHA-256s, so a retry with a new boundary matches.
    /// </summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: ErrorHandling.MaxBodyBytes);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n"));
        hash.AppendData(await CanonicalMultipartAsync(request.ContentType, body.ToArray(), cancellationToken)
            ?? CanonicalJson(body.ToArray()) ?? body.ToArray());
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>One line per part, sorted: <c>name=value</c> for text, <c>name#sha256</c> for files; null if not multipart.</summary>
    private static async Task<byte[]?> CanonicalMultipartAsync(string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) ||
            !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return null;
        var lines = new List<string>();
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken);
                _ = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
                var name = disposition?.Name.Value ?? "";
                lines.Add(disposition?.IsFileDisposition() == true
                    ? $"{name}#{Convert.ToHexStringLower(SHA256.HashData(content.ToArray()))}"
                    : $"{name}={Encoding.UTF8.GetString(content.ToArray())}");
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }
        lines.Sort(StringComparer.Ordinal);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static byte[]? CanonicalJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            using var output = new MemoryStream();
            using (var writer = new Utf8JsonWriter(output))
                WriteSorted(writer, document.RootElement);
            return output.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteSorted(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    WriteSorted(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
