using System.Text.Json;

namespace Verilock.Client.Http;

/// <summary>The API's error body (spec §3).</summary>
internal sealed class ErrorBody
{
    public string? Error { get; init; }

    public string? Message { get; init; }

    public JsonElement? Details { get; init; }
}
