using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Faces;
using Verilock.Infrastructure.Checks;
using Verilock.Infrastructure.Faces;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Checks;

namespace Verilock.Server.Faces;

/// <summary>
/// Runs a biometric check on the check workers (its job's id is the check's <c>bio_</c> id). Live: the photo must
/// hold one face that passes the selfie's quality gates; its embedding is compared with the session's template
/// (similarity on 0–100, the calibrated face-match scale × 100) and its passive liveness with the session's liveness
/// threshold. Test mode simulates by the photo's file name (docs/biometrics.md). The result, the job's end and the
/// shredding of the photo's data key commit together; the photo's file is deleted after.
/// </summary>
public sealed class BiometricRunner(MediaStore media, CheckModels models, FaceTemplateStore templates, TimeProvider time)
{
    public const string JobPrefix = "bio_";

    public static bool IsBiometricJob(CheckJob job) => job.SessionId.StartsWith(JobPrefix, StringComparison.Ordinal);

    public async Task RunAsync(VerilockDbContext db, CheckJob job, CancellationToken cancellationToken)
    {
        var check = await db.BiometricChecks.FirstOrDefaultAsync(c => c.Id == job.SessionId, cancellationToken);
        if (check is null || check.Completed)
        {
            await FinishAsync(db, job, check, cancellationToken);
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var photo = check.PhotoStorageKey is { } key ? await media.ReadAsync(key, cancellationToken) : null;
        if (photo is null)
            check.Fail(BiometricCheck.Unreadable, [], now);
        else if (!check.LiveMode)
            Simulate(check, now);
        else
            await CompareAsync(db, check, photo, now, cancellationToken);
        await FinishAsync(db, job, check, cancellationToken);
    }

    /// <summary>After the last failed attempt: the check ends in <c>error</c> (with no cause of the photo's) rather than hanging.</summary>
    public async Task GiveUpAsync(VerilockDbContext db, CheckJob job, CancellationToken cancellationToken)
    {
        var check = await db.BiometricChecks.FirstOrDefaultAsync(c => c.Id == job.SessionId, cancellationToken);
        check?.Fail(null, [], time.GetUtcNow().UtcDateTime);
        await FinishAsync(db, job, check, cancellationToken);
    }

    private async Task CompareAsync(VerilockDbContext db, BiometricCheck check, byte[] photo, DateTime now, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == check.SessionId, cancellationToken);
        var template = check.TemplateId is { } templateId
            ? await db.FaceTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken)
            : null;
        var enrolled = template is { State: FaceTemplateState.Enrolled } ? await templates.OpenAsync(db, template, cancellationToken) : null;
        if (enrolled is null)
        {
            // Redacted since the request: there is nothing left to compare with.
            check.Fail(null, [], now);
            return;
        }
        var analysis = models.Faces.AnalyzeSelfie(photo, withLiveness: true);
        if (analysis.Problem is not null)
            check.Fail(BiometricCheck.Unreadable, [], now);
        else if (analysis.FaceCount == 0)
            check.Fail(BiometricCheck.NoFace, [], now);
        else if (analysis.FaceCount > 1)
            check.Fail(BiometricCheck.SeveralFaces, [], now);
        else if (analysis.Issues.Count > 0)
            check.Fail(BiometricCheck.Unreadable, analysis.Issues, now);
        else
        {
            var (similarity, _) = models.Faces.Compare(analysis.Embedding!, enrolled);
            var live = analysis.LiveProbability ?? 0;
            check.Complete(100 * similarity, 100 * live, 100 * live >= session.Settings.LivenessThreshold, now);
        }
    }

    /// <summary>
    /// Test mode (spec §2.2): the photo is not examined; its file name picks the outcome — containing <c>nomatch</c>,
    /// <c>spoof</c>, <c>noface</c> or <c>multiface</c> — and otherwise the person matches.
    /// </summary>
    private static void Simulate(BiometricCheck check, DateTime now)
    {
        var name = (check.PhotoFileName ?? "").ToLowerInvariant();
        if (name.Contains("noface", StringComparison.Ordinal))
            check.Fail(BiometricCheck.NoFace, [], now);
        else if (name.Contains("multiface", StringComparison.Ordinal))
            check.Fail(BiometricCheck.SeveralFaces, [], now);
        else if (name.Contains("nomatch", StringComparison.Ordinal))
            check.Complete(31.0, 97.0, true, now);
        else if (name.Contains("spoof", StringComparison.Ordinal))
            check.Complete(96.5, 12.0, false, now);
        else
            check.Complete(96.5, 97.0, true, now);
    }

    private async Task FinishAsync(VerilockDbContext db, CheckJob job, BiometricCheck? check, CancellationToken cancellationToken)
    {
        var photoKey = check?.TakePhoto();
        await db.WriteTransactionAsync(async ct =>
        {
            if (photoKey is not null)
                await MediaStore.ShredInAsync(db, [photoKey], ct);
            CheckJobQueue.Complete(db, job);
            await db.SaveChangesAsync(ct);
            return true;
        }, cancellationToken);
        if (photoKey is not null)
            await media.DeleteFilesAsync([photoKey], CancellationToken.None);
    }
}
