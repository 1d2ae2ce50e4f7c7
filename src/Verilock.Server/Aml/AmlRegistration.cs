namespace Verilock.Server.Aml;

public static class AmlRegistration
{
    /// <summary>The lists in memory, their refresh and monitoring, and the screening services.</summary>
    public static IServiceCollection AddAml(this IServiceCollection services)
    {
        ListDownloader.Configure(services);
        services.AddSingleton<ScreeningIndexHolder>();
        services.AddSingleton<ListDownloader>();
        services.AddSingleton<AmlScreener>();
        services.AddSingleton<AmlMonitoring>();
        services.AddSingleton<AmlListRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<AmlListRefresh>());
        services.AddScoped<SessionAmlScreening>();
        return services;
    }
}
