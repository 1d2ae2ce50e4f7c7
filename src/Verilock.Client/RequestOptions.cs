namespace Verilock.Client;

/// <summary>Per-call settings, the last optional argument of every client method.</summary>
public sealed class RequestOptions
{
    /// <summary>
    /// The <c>Idempotency-Key</c> of a POST (1–255 printable ASCII). When null the client makes one per call (a new GUID),
    /// reused by that call's retries. Pass your own to make a call safe to repeat across process restarts, e.g. a key
    /// derived from your own order or user id.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>A key to use for this call instead of <see cref="VerilockClientOptions.ApiKey"/> (another account or mode).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Sent as <c>X-Request-Id</c> (1–128 of <c>[A-Za-z0-9._-]</c>); the server echoes it and logs under it.</summary>
    public string? RequestId { get; set; }
}
