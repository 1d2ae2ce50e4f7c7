using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Faces;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Checks;

namespace Verilock.Server.Faces;

/// <summary>
/// One session's face against the account's other templates (spec §20), for <c>POST /face-search</c> and the profile
/// key <c>face_duplicate_check</c>. Live: the index of this instance. Test mode (spec §2.2): nothing is compared; an
/// applicant whose last name is <c>DUPLICATE</c> matches the account's latest other approved test session at 97.5.
/// </summary>
public sealed class SessionFaceSearch(FaceSearchIndex index)
{
    public const string SandboxScenario = "DUPLICATE";
    public const double SandboxSimilarity = 97.5;

    /// <summary>What the index finds for <paramref name="embedding"/> (the session's face), best first, at most <see cref="FaceSearch.MaxMatches"/>.</summary>
    public async Task<IReadOnlyList<FaceSearchMatch>> FindAsync(
        VerilockDbContext db, Session session, float[]? embedding, CancellationToken cancellationToken)
    {
        if (session.LiveMode)
            return embedding is null ? [] : index.Search(session.AccountId, session.LiveMode, session.Id, embedding, FaceSearch.MaxMatches);
        if (SandboxChecks.Scenario(session) != SandboxScenario)
            return [];
        var other = await db.Sessions.AsNoTracking()
            .Where(s => s.AccountId == session.AccountId && !s.LiveMode && s.Id != session.Id && s.Status == SessionStatus.Approved)
            .OrderByDescending(s => s.CreatedAt).Select(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        return other is null ? [] : [FaceSearchMatch.Of(SandboxTemplateId(other), SandboxSimilarity, other)];
    }

    /// <summary>A stable made-up template id for a test session (test sessions keep no templates).</summary>
    private static Guid SandboxTemplateId(string sessionId) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sessionId)).AsSpan(0, 16));
}
