using System.Text.Json;
using Verilock.Infrastructure.Serialization;

namespace Verilock.Server.Api;

/// <summary>
/// Marks an endpoint whose success response holds a secret shown only once (<c>whsec_…</c>). Idempotency keeps
/// no copy of such a body: a replay within 24 h answers 409 instead, so the secret is never stored in clear.
/// </summary>
public sealed class ShownOnceResponse
{
    private static readonly ShownOnceResponse Marker = new();

    /// <summary>What a replay of a shown-once success gets, stored in place of the original body.</summary>
    public static readonly byte[] ReplayRefusal = JsonSerializer.SerializeToUtf8Bytes(
        new ApiError("conflict",
            "This Idempotency-Key was already used for a request whose response held a secret; secrets are shown only once and are not replayed.",
            null),
        ApiJson.Options);

    public static bool AppliesTo(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ShownOnceResponse>() is not null;

    public static RouteHandlerBuilder On(RouteHandlerBuilder endpoint) => endpoint.WithMetadata(Marker);
}
