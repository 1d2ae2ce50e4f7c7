using Microsoft.Extensions.Options;
using Verilock.Checks.Documents;
using Verilock.Server.Hosting;

namespace Verilock.Server.Checks;

public static class CheckRegistration
{
    public static IServiceCollection AddChecks(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DocumentReaderOptions
        {
            TessdataDirectory = sp.GetRequiredService<IOptions<VerilockOptions>>().Value.Checks.ModelsDirectory,
            Limits = sp.GetRequiredService<IOptions<VerilockOptions>>().Value.Checks.Decoding,
        });
        services.AddSingleton<CheckModels>();
        services.AddScoped<DocumentStep>();
        services.AddScoped<SelfieStep>();
        services.AddScoped<FaceMatchStep>();
        services.AddScoped<LivenessStep>();
        services.AddHostedService<ModelWarmup>();
        services.AddScoped<CheckPipeline>();
        services.AddSingleton<Verify.UploadFeedback>();
        services.AddSingleton<CheckWorkers>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckWorkers>());
        return services;
    }
}
