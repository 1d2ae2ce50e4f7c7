using Microsoft.Extensions.Options;
using Verilock.Server.Hosting;

namespace Verilock.Server.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Secrets, the HTTP client (through IHttpClientFactory) and the dispatcher.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddWebhookSecrets();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                WebhookSender.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value))
            // The default request logging would write integrators' URLs (which may carry tokens) to the log.
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }

    /// <summary>What issuing and rotating secrets needs; the command line uses it without the rest.</summary>
    public static IServiceCollection AddWebhookSecrets(this IServiceCollection services)
    {
        services.AddSingleton(sp => new WebhookSecretProtector(
            sp.GetRequiredService<IOptions<WebhookOptions>>().Value.SecretKey, sp.GetRequiredService<IOptions<VerilockOptions>>().Value.DataDir));
        services.AddSingleton<WebhookSecrets>();
        return services;
    }
}
