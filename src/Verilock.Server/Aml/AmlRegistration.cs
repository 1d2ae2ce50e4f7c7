namespace Verilock.Server.Aml;

public static class AmlRegistration
{
    /// <summary>The lists in memory, their refresh, monitoring and its schedule, and the screening services.</summary>
    public static IServiceCollection AddAml(this IServiceCollection services)
    {
        ListDownloader.Configure(services);
        services.AddSingleton<ScreeningIndexHolder>();
        services.AddSingleton<ListDownloader>();
        services.AddSingleton<AmlScreener>();
        services.AddSingleton<AmlMonitoring>();
        services.AddSingleton<AmlListRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<AmlListRefresh>());
        services.AddSingleton<AmlMonitoringSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<AmlMonitoringSchedule>());
        services.AddScoped<SessionAmlScreening>();
        return services;
    }
}
