using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Verilock.Client;

/// <summary>Registration with <c>IHttpClientFactory</c>.</summary>
public static class VerilockServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the factory makes for <see cref="VerilockClient"/>.</summary>
    public const string HttpClientName = "Verilock.Client";

    /// <summary>
    /// Registers <see cref="VerilockClient"/> as a typed client: each one resolved gets a factory-made
    /// <see cref="HttpClient"/> (pooled handlers, DNS refresh), which the client never disposes. Returns the builder so
    /// handlers (logging, a proxy) can be added.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the API key and base address (bind them from configuration here).</param>
    public static IHttpClientBuilder AddVerilockClient(this IServiceCollection services, Action<VerilockClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<VerilockClientOptions>().Configure(configure);
        return services.AddHttpClient(HttpClientName)
            .AddTypedClient((http, provider) => new VerilockClient(provider.GetRequiredService<IOptions<VerilockClientOptions>>().Value, http));
    }
}
