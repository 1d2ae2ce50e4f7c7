using Microsoft.Extensions.Options;
using Verilock.Checks.Documents;
using Verilock.Server.Hosting;

namespace Verilock.Server.Checks;

public static class CheckRegistration
{
    public static IServiceCollection AddChecks(this IServiceCollection services)
    {
        services.AddSingleton(sp => new MrzDocumentReader(new DocumentReaderOptions
        {
            TessdataDirectory = sp.GetRequiredService<IOptions<VerilockOptions>>().Value.Checks.ModelsDirectory,
        }));
        services.AddScoped<DocumentStep>();
        services.AddScoped<CheckPipeline>();
        services.AddSingleton<CheckWorkers>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckWorkers>());
        return services;
    }
}
