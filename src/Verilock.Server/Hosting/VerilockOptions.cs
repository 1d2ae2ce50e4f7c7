using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Hosting;

/// <summary>The <c>Verilock</c> configuration section; environment variables use <c>VERILOCK__SECTION__KEY</c>.</summary>
public sealed class VerilockOptions
{
    public const string Section = "Verilock";

    /// <summary>Where the SQLite database and other local state live. <c>VERILOCK_DATA_DIR</c> also sets it.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>
    /// The origin applicants reach this server at, used in <c>session_url</c>; empty means the origin of each
    /// API request (fine on one host, set it behind a proxy).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public DatabaseOptions Database { get; set; } = new();
    public RateLimitOptions RateLimit { get; set; } = new();
    public HousekeepingOptions Housekeeping { get; set; } = new();
    public AdmissionOptions Admission { get; set; } = new();
    public Webhooks.WebhookOptions Webhooks { get; set; } = new();
    public Aml.AmlOptions Aml { get; set; } = new();
    public Media.MediaOptions Media { get; set; } = new();
    public Checks.CheckOptions Checks { get; set; } = new();
    public Dashboard.DashboardOptions Dashboard { get; set; } = new();

    public sealed class RateLimitOptions
    {
        /// <summary>Requests per key per minute unless the key has its own limit; 0 disables rate limiting.</summary>
        public int PermitPerMinute { get; set; } = 120;
    }

    public sealed class HousekeepingOptions
    {
        /// <summary>How often expired sessions and stale idempotency records are swept.</summary>
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
    }

    public sealed class AdmissionOptions
    {
        /// <summary>API requests served at once; more wait in a queue. Keep it under the database pool size.</summary>
        public int MaxConcurrentRequests { get; set; } = 64;

        /// <summary>Requests allowed to wait; beyond it the API answers 503 with <c>Retry-After</c>.</summary>
        public int QueueLimit { get; set; } = 20_000;
    }

    public IEnumerable<string> Problems()
    {
        foreach (var problem in Database.Problems())
            yield return problem;
        if (RateLimit.PermitPerMinute < 0)
            yield return "Verilock:RateLimit:PermitPerMinute must be 0 (off) or more.";
        if (Admission.MaxConcurrentRequests < 1)
            yield return "Verilock:Admission:MaxConcurrentRequests must be at least 1.";
        if (Admission.QueueLimit < 0)
            yield return "Verilock:Admission:QueueLimit must be 0 or more.";
        if (Housekeeping.Interval <= TimeSpan.Zero)
            yield return "Verilock:Housekeeping:Interval must be positive.";
        foreach (var problem in Webhooks.Problems())
            yield return problem;
        foreach (var problem in Aml.Problems())
            yield return problem;
        foreach (var problem in Media.Problems())
            yield return problem;
        foreach (var problem in Checks.Problems())
            yield return problem;
        foreach (var problem in Dashboard.Problems())
            yield return problem;
        if (!string.IsNullOrEmpty(PublicBaseUrl) &&
            !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return "Verilock:PublicBaseUrl must be an absolute http(s) URL.";
    }
}
