using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;

namespace Verilock.Server.Hosting;

/// <summary>
/// The <c>Verilock</c> section's own settings; environment variables use <c>VERILOCK__SECTION__KEY</c>. Each feature
/// has its own options bound to its own section (<c>Verilock:Webhooks</c>…) and validated at start-up
/// (<see cref="VerilockConfiguration.AddVerilockOptions"/>): a class that needs one feature injects its
/// <c>IOptions&lt;…Options&gt;</c>.
/// </summary>
public sealed class VerilockOptions
{
    public const string Section = "Verilock";

    /// <summary>Where the SQLite database and other local state live. <c>VERILOCK_DATA_DIR</c> also sets it.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>
    /// The origin applicants reach this server at, used in <c>session_url</c>; empty means the origin of each
    /// API request (fine on one host, set it behind a proxy); required when the server listens beyond loopback.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    // The features below, bound from the same keys as their own options (which are the ones validated), for the
    // classes that still take the whole section.
    public DatabaseOptions Database { get; set; } = new();
    public RateLimitOptions RateLimit { get; set; } = new();
    public HousekeepingOptions Housekeeping { get; set; } = new();
    public AdmissionOptions Admission { get; set; } = new();
    public Webhooks.WebhookOptions Webhooks { get; set; } = new();
    public Aml.AmlOptions Aml { get; set; } = new();
    public Media.MediaOptions Media { get; set; } = new();
    public Checks.CheckOptions Checks { get; set; } = new();
    public Faces.BiometricOptions Biometrics { get; set; } = new();
    public Dashboard.DashboardOptions Dashboard { get; set; } = new();

    /// <summary>The problems of the section's own settings; each feature's options list theirs.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(PublicBaseUrl) &&
            !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return "Verilock:PublicBaseUrl must be an absolute http(s) URL.";
    }

    /// <summary>
    /// Reachable from other hosts, the server must not build applicant links from the request's <c>Host</c>
    /// header, which any client (or a misconfigured proxy) chooses: the origin has to be configured.
    /// </summary>
    public IEnumerable<string> BindingProblems(ServerBinding binding)
    {
        if (!binding.OnlyLoopback && string.IsNullOrEmpty(PublicBaseUrl))
            yield return $"Verilock:PublicBaseUrl is required when the server listens beyond loopback ({string.Join(", ", binding.Urls)}): "
                + "set it to the https origin applicants reach the server at.";
    }
}
