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
        // One line per check step (ICheckStep); the pipeline orders them by their Domain descriptors.
        services.AddScoped<ICheckStep, DocumentStep>();
        services.AddScoped<ICheckStep, SelfieStep>();
        services.AddScoped<ICheckStep, FaceMatchStep>();
        services.AddScoped<ICheckStep, LivenessStep>();
        services.AddScoped<ICheckStep, Aml.AmlStep>();
        services.AddHostedService<ModelWarmup>();
        services.AddScoped<CheckPipeline>();
        services.AddScoped<Faces.BiometricRunner>();
        services.AddSingleton<Faces.FaceSearchIndex>();
        services.AddSingleton<Faces.SessionFaceSearch>();
        services.AddSingleton<Faces.FaceIndexSync>();
        services.AddHostedService(sp => sp.GetRequiredService<Faces.FaceIndexSync>());
        services.AddSingleton<Verify.UploadFeedback>();
        services.AddSingleton<CheckWorkers>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckWorkers>());
        return services;
    }
}
