using Verilock.Client.Http;

namespace Verilock.Client;

/// <summary>
/// The Verilock API v1. Thread-safe: make one and share it (or let <c>AddVerilockClient</c> hand it out).
/// </summary>
/// <example>
/// <code>
/// var client = new VerilockClient(new VerilockClientOptions { ApiKey = key, BaseAddress = new Uri("https://kyc.example.com") });
/// var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document", "selfie"] });
/// </code>
/// </example>
public sealed class VerilockClient : IDisposable
{
    private readonly ApiRequester _api;

    /// <summary>A client with an <see cref="HttpClient"/> of its own, disposed with it.</summary>
    public VerilockClient(VerilockClientOptions options)
        : this(new ApiRequester(options, http: null))
    {
    }

    /// <summary>
    /// A client over <paramref name="httpClient"/> (from <c>IHttpClientFactory</c>, with your handlers, proxy or test
    /// server). It is never disposed by this client. Its <see cref="HttpClient.BaseAddress"/> is used when
    /// <see cref="VerilockClientOptions.BaseAddress"/> is null; its <see cref="HttpClient.Timeout"/> still applies.
    /// </summary>
    public VerilockClient(VerilockClientOptions options, HttpClient httpClient)
        : this(new ApiRequester(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))))
    {
    }

    /// <summary>A client with default options for <paramref name="apiKey"/> at <paramref name="baseAddress"/>.</summary>
    public VerilockClient(string apiKey, Uri baseAddress)
        : this(new VerilockClientOptions { ApiKey = apiKey, BaseAddress = baseAddress })
    {
    }

    private VerilockClient(ApiRequester api)
    {
        _api = api;
        Sessions = new SessionService(api);
        Aml = new AmlService(api);
        Webhooks = new WebhookService(api);
        Profiles = new ProfileService(api);
        Biometrics = new BiometricService(api);
        Rules = new RuleService(api);
        Transactions = new TransactionService(api);
    }

    /// <summary>Verification sessions: create, read, list, uploads, submit, decision, redaction, risk, media.</summary>
    public SessionService Sessions { get; }

    /// <summary>AML screening, screenings, decisions and the loaded lists.</summary>
    public AmlService Aml { get; }

    /// <summary>Webhook endpoints, the delivery log and the default secret.</summary>
    public WebhookService Webhooks { get; }

    /// <summary>Verification profiles: the stored settings sessions name by <c>profile_id</c>.</summary>
    public ProfileService Profiles { get; }

    /// <summary>Face products: biometric re-authentication and face search.</summary>
    public BiometricService Biometrics { get; }

    /// <summary>Orchestration rules: the account's own decision rules, and their simulation.</summary>
    public RuleService Rules { get; }

    /// <summary>Transaction monitoring: screen, batch, read, list and decide.</summary>
    public TransactionService Transactions { get; }

    /// <summary>Disposes the <see cref="HttpClient"/> the client made itself; one passed in is left alone.</summary>
    public void Dispose() => _api.Dispose();
}
