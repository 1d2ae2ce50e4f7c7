using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Sessions;

/// <summary>
/// A manual decision on a session in review (spec §8.8), saved: the one path for the API's
/// <c>POST …/decision</c> and the dashboard's approve and decline buttons, so both change a session alike.
/// </summary>
public static class ManualDecision
{
    /// <param name="Changed">The decision was applied now (false when the session already had that outcome).</param>
    /// <param name="Conflict">Why the decision cannot be taken (a 409), or null.</param>
    public sealed record Result(bool Changed, string? Conflict);

    public static async Task<Result> ApplyAsync(
        VerilockDbContext db, Session session, SessionDecision decision, string? reason, string decidedBy, DateTime now,
        CancellationToken cancellationToken)
    {
        switch (session.DecideManually(decision, reason, decidedBy, now))
        {
            case Session.ManualDecisionResult.Conflict:
                return new Result(false, session.ManualDecisionRefusal(decision));
            case Session.ManualDecisionResult.Applied:
                try
                {
                    await Faces.SessionFaceTemplates.AfterManualDecisionAsync(db, session, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return new Result(false, "The session changed while the decision was being recorded. Fetch it and try again.");
                }
                return new Result(true, null);
            default:
                return new Result(false, null);
        }
    }
}
