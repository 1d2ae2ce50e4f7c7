using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Security;
using Verilock.Server.Hosting;

namespace Verilock.Server.Media;

public static class MediaRegistration
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddSingleton<IMediaBackend>(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return media.UsesDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres)
                ? new DatabaseMediaBackend(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>())
                : new DiskMediaBackend(media.Path ?? Path.Combine(DataDir(sp), "media"));
        });
        services.AddSingleton(sp => new MediaCipher(new MasterKeyRing(
            sp.GetRequiredService<IOptions<MediaOptions>>().Value.Key, Path.Combine(DataDir(sp), MediaOptions.KeyFileName))));
        services.AddSingleton<MediaDataKeys>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<Infrastructure.Faces.FaceTemplateStore>();
        services.AddSingleton<MediaUploads>();
        return services;
    }

    private static string DataDir(IServiceProvider sp) => sp.GetRequiredService<IOptions<VerilockOptions>>().Value.DataDir;
}
