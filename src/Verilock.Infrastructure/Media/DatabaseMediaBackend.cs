using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Media;

/// <summary>
/// Media in the database's <c>media_blobs</c> table (<c>bytea</c> on PostgreSQL), so every server instance
/// sharing the database sees every upload, with nothing else to run or back up. Each call uses its own
/// context so media writes never ride along with a caller's unsaved changes.
/// </summary>
public sealed class DatabaseMediaBackend(IServiceScopeFactory scopes, TimeProvider time) : IMediaBackend
{
    public async Task PutAsync(string storageKey, byte[] sealedBytes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        db.MediaBlobs.Add(new MediaBlob { StorageKey = storageKey, Content = sealedBytes, CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<byte[]?> GetAsync(string storageKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        return await db.MediaBlobs.Where(b => b.StorageKey == storageKey).Select(b => b.Content).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        if (storageKeys.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        await db.MediaBlobs.Where(b => storageKeys.Contains(b.StorageKey)).ExecuteDeleteAsync(cancellationToken);
    }
}
