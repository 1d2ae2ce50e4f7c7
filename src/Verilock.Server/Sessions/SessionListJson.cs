using System.Globalization;
using System.Text.Json;
using Verilock.Infrastructure.Persistence.Reads;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;

namespace Verilock.Server.Sessions;

/// <summary>
/// Writes a list page in the seed's exact shape straight from the rows to the response. This is the API's
/// hottest response: serializing 15–100 item records by reflection cost more than reading the rows, so the
/// page is written with <see cref="Utf8JsonWriter"/> (the same escaping as <see cref="ApiJson.Options"/>).
/// <see cref="ListSessions.Item"/> describes the same shape for the OpenAPI document; the seed-shape tests
/// compare whole pages, so the two cannot drift apart unnoticed.
/// </summary>
public static class SessionListJson
{
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ReferenceId = JsonEncodedText.Encode("reference_id");
    private static readonly JsonEncodedText Steps = JsonEncodedText.Encode("steps");
    private static readonly JsonEncodedText Applicant = JsonEncodedText.Encode("applicant");
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("first_name");
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("last_name");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText CompletedAt = JsonEncodedText.Encode("completed_at");
    private static readonly JsonEncodedText Meta = JsonEncodedText.Encode("meta");
    private static readonly JsonEncodedText CurrentPage = JsonEncodedText.Encode("current_page");
    private static readonly JsonEncodedText LastPage = JsonEncodedText.Encode("last_page");
    private static readonly JsonEncodedText PerPage = JsonEncodedText.Encode("per_page");
    private static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode(SessionResponse.Kind);

    public static IResult Page(IReadOnlyList<SessionListRow> rows, ListMeta meta) => new PageResult(rows, meta);

    private sealed class PageResult(IReadOnlyList<SessionListRow> rows, ListMeta meta) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
                Write(writer, rows, meta);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
    }

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<SessionListRow> rows, ListMeta meta)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(Data);
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString(Id, row.Id);
            writer.WriteString(Type, Kind);
            writer.WriteString(Status, row.Status);
            writer.WriteString(ReferenceId, row.ReferenceId);
            writer.WriteStartArray(Steps);
            // Stored comma-separated (step names never contain commas).
            foreach (var step in row.Steps.AsSpan().Split(','))
            {
                if (step.Start.Value < step.End.Value)
                    writer.WriteStringValue(row.Steps.AsSpan()[step]);
            }
            writer.WriteEndArray();
            writer.WriteStartObject(Applicant);
            writer.WriteString(FirstName, row.FirstName);
            writer.WriteString(LastName, row.LastName);
            writer.WriteString(Email, row.Email);
            writer.WriteEndObject();
            WriteInstant(writer, CreatedAt, row.CreatedAt);
            WriteInstant(writer, CompletedAt, row.CompletedAt);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject(Meta);
        writer.WriteNumber(CurrentPage, meta.CurrentPage);
        writer.WriteNumber(LastPage, meta.LastPage);
        writer.WriteNumber(PerPage, meta.PerPage);
        writer.WriteNumber(Total, meta.Total);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>An instant as <see cref="ApiJson.InstantFormat"/>, formatted without an intermediate string.</summary>
    private static void WriteInstant(Utf8JsonWriter writer, JsonEncodedText name, DateTime? value)
    {
        if (value is not { } instant)
        {
            writer.WriteNull(name);
            return;
        }
        Span<byte> text = stackalloc byte[32];
        instant.TryFormat(text, out var length, ApiJson.InstantFormat, CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..length]);
    }
}
