using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Security;
using Verilock.Server.Hosting;

namespace Verilock.Server.Media;

public static class MediaRegistration
{
    public static IServiceCollection AddMedia(this IServiceCollection services, VerilockOptions options)
    {
        var media = options.Media;
        if (media.UsesDatabase(options.Database.IsPostgres))
            services.AddSingleton<IMediaBackend, DatabaseMediaBackend>();
        else
            services.AddSingleton<IMediaBackend>(_ => new DiskMediaBackend(media.Path ?? Path.Combine(options.DataDir, "media")));
        services.AddSingleton(_ => new MediaCipher(MasterKeys.Load(media.Key, Path.Combine(options.DataDir, MediaOptions.KeyFileName))));
        services.AddSingleton<MediaStore>();
        services.AddSingleton<MediaUploads>();
        return services;
    }
}
