using Verilock.Server.Hosting;

namespace Verilock.Server.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Secrets, the HTTP client (through IHttpClientFactory) and the dispatcher.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, VerilockOptions options)
    {
        services.AddWebhookSecrets(options);
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => WebhookSender.CreateHandler(options.Webhooks.AllowInsecureTargets))
            // The default request logging would write integrators' URLs (which may carry tokens) to the log.
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }

    /// <summary>What issuing and rotating secrets needs; the command line uses it without the rest.</summary>
    public static IServiceCollection AddWebhookSecrets(this IServiceCollection services, VerilockOptions options)
    {
        services.AddSingleton(new WebhookSecretProtector(options.Webhooks.SecretKey, options.DataDir));
        services.AddSingleton<WebhookSecrets>();
        return services;
    }
}
