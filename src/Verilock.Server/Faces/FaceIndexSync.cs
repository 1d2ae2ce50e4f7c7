using Microsoft.EntityFrameworkCore;
using Verilock.Checks.Faces.Search;
using Verilock.Domain.Faces;
using Verilock.Infrastructure.Faces;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Checks;

namespace Verilock.Server.Faces;

/// <summary>
/// Keeps <see cref="FaceSearchIndex"/> equal to the database's enrolled templates. At start it loads them all
/// (decrypting each), partition by partition; then every <see cref="PollInterval"/> it reads the templates whose
/// <c>changed_at</c> moved since its last look — enrolled ones are added or replaced, removed or stale ones taken out.
/// Each instance runs its own, so a template enrolled or redacted anywhere reaches every instance within seconds.
/// The look-back overlaps by <see cref="Overlap"/>: a change committed late, or stamped by an instance whose clock is a
/// little behind, is still seen (applying a change twice does nothing).
/// </summary>
public sealed partial class FaceIndexSync(
    IServiceScopeFactory scopes, FaceSearchIndex index, CheckModels models, FaceTemplateStore store, TimeProvider time,
    ILogger<FaceIndexSync> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private DateTime? _watermark;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SyncOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSyncFailed(logger, ex);
                }
                await Task.Delay(PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: the full load the first time, the changes since the last round after. False while the face models are missing.</summary>
    public async Task<bool> SyncOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await SyncAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        if (models.TryFaces(out _) is not { } faces)
            return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        if (_watermark is null)
        {
            await LoadAllAsync(db, faces.EmbeddingModel, cancellationToken);
            index.MarkLoaded();
            return true;
        }
        var since = _watermark.Value - Overlap;
        var changed = await db.FaceTemplates.AsNoTracking().Where(t => t.ChangedAt >= since).OrderBy(t => t.ChangedAt).ToListAsync(cancellationToken);
        foreach (var template in changed)
        {
            var embedding = template.State == FaceTemplateState.Enrolled && template.Model == faces.EmbeddingModel
                ? await store.OpenAsync(db, template, cancellationToken)
                : null;
            if (embedding is null)
                index.Index.Remove(template.Id);
            else
                index.Index.Upsert(new FaceIndexPartition(template.AccountId, template.LiveMode), template.Id, template.SessionId, embedding);
            if (template.ChangedAt > _watermark)
                _watermark = template.ChangedAt;
        }
        return true;
    }

    private async Task LoadAllAsync(VerilockDbContext db, string model, CancellationToken cancellationToken)
    {
        // The watermark is taken before reading: whatever changes during the load is read again by the next round.
        var startedAt = time.GetUtcNow().UtcDateTime;
        // Each template goes into the (still empty) index as it is read, so the load holds one decrypted embedding at
        // a time rather than a float copy of every template.
        var counts = new Dictionary<FaceIndexPartition, int>();
        // Two streamed reads rather than a join: the data key's name is derived from the template id, and how a
        // uuid prints differs between the databases.
        var wrapped = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var key in db.MediaDataKeys.AsNoTracking().Where(k => k.StorageKey.StartsWith(Domain.Faces.FaceTemplate.StorageKeyPrefix))
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
            wrapped[key.StorageKey] = key.WrappedKey;
        await foreach (var template in db.FaceTemplates.AsNoTracking().Where(t => t.State == FaceTemplateState.Enrolled && t.Model == model)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (store.Open(template, wrapped.GetValueOrDefault(template.StorageKey)) is not { } embedding)
                continue;
            var partition = new FaceIndexPartition(template.AccountId, template.LiveMode);
            index.Index.Upsert(partition, template.Id, template.SessionId, embedding);
            counts[partition] = counts.GetValueOrDefault(partition) + 1;
        }
        _watermark = startedAt;
        LogLoaded(logger, counts.Values.Sum(), counts.Count);
    }

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Face search index loaded: {Templates} templates in {Partitions} account modes")]
    private static partial void LogLoaded(ILogger logger, int templates, int partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face search index sync failed; retrying")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
