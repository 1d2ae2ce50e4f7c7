using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Media;

/// <summary>
/// The <c>media_keys</c> rows: each stored file's wrapped data key. Each call uses its own context, like
/// <see cref="DatabaseMediaBackend"/>, so key writes never ride along with a caller's unsaved changes.
/// </summary>
public sealed class MediaDataKeys(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task PutAsync(string storageKey, MediaCipher.Sealed sealedFile, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        db.MediaDataKeys.Add(new MediaDataKey
        {
            StorageKey = storageKey, MasterKeyId = sealedFile.MasterKeyId, WrappedKey = sealedFile.WrappedKey,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The wrapped data key, or null when the file has none (written before key rows, or shredded).</summary>
    public async Task<byte[]?> GetAsync(string storageKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        return await db.MediaDataKeys.Where(k => k.StorageKey == storageKey).Select(k => k.WrappedKey).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        if (storageKeys.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        await DeleteInAsync(scope.ServiceProvider.GetRequiredService<VerilockDbContext>(), storageKeys, cancellationToken);
    }

    /// <summary>Deletes the rows through the caller's context, so within its transaction when it has one.</summary>
    public static async Task DeleteInAsync(VerilockDbContext db, IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        if (storageKeys.Count == 0)
            return;
        await db.MediaDataKeys.Where(k => storageKeys.Contains(k.StorageKey)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Those of <paramref name="storageKeys"/> that have no row.</summary>
    public async Task<IReadOnlyCollection<string>> MissingAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        if (storageKeys.Count == 0)
            return [];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var kept = await db.MediaDataKeys.Where(k => storageKeys.Contains(k.StorageKey)).Select(k => k.StorageKey).ToListAsync(cancellationToken);
        return storageKeys.Except(kept, StringComparer.Ordinal).ToList();
    }
}
