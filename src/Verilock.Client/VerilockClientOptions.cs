namespace Verilock.Client;

/// <summary>Settings of a <see cref="VerilockClient"/>. Read once, when the client is created.</summary>
public sealed class VerilockClientOptions
{
    /// <summary>The API key: <c>qi_live_…</c> or <c>qi_test_…</c> (sandbox). Sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The server's origin, e.g. <c>https://kyc.example.com</c> (a path prefix such as <c>https://example.com/kyc/</c> is kept);
    /// <c>/api/v1/…</c> is added to it. When null, the <see cref="HttpClient.BaseAddress"/> of the client passed in is used.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// How many times a failed request is tried again (default 2): after a 429 or 503, and after a connection failure or a
    /// timeout when the request is safe to repeat (GET, DELETE, and POST, which always carries an <c>Idempotency-Key</c>).
    /// 0 turns retries off.
    /// </summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>The first retry's wait before jitter (default 0.5 s); each further retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest computed wait between two attempts (default 8 s). A server's <c>Retry-After</c> is not capped by it.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits for (default 60 s, one rate-limit window). A longer one is not waited
    /// for: the <see cref="VerilockApiException"/> is thrown with <see cref="VerilockApiException.RetryAfter"/> set.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take, headers and body (default 60 s); a timed-out attempt counts as a connection failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock and timers of the retry waits; tests replace it. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
