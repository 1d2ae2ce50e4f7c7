using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Aml;

/// <summary>
/// An analyst's verdict on a screening (spec §11.3), saved: shared by the API's <c>POST …/decision</c> and the
/// dashboard's confirm and dismiss buttons.
/// </summary>
public static class ScreeningDecision
{
    /// <param name="Changed">The decision was applied now (false for a repeat of the same decision).</param>
    /// <param name="Conflict">Why it cannot be taken (a 409), or null.</param>
    public sealed record Result(bool Changed, string? Conflict);

    public static async Task<Result> ApplyAsync(
        VerilockDbContext db, AmlScreening screening, AmlDecision decision, string? reason, string decidedBy, DateTime now,
        CancellationToken cancellationToken)
    {
        switch (screening.Decide(decision, reason, decidedBy, now))
        {
            case AmlScreening.DecisionResult.Conflict:
                return new Result(false, screening.AwaitsVerdict
                    ? $"The screening found no match to {(decision == AmlDecision.Escalate ? "escalate" : "confirm")}."
                    : $"The screening was already decided {screening.Decision!.Value.ToWire()}; a decision cannot be reversed.");
            case AmlScreening.DecisionResult.Applied:
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return new Result(false, "The screening was decided while this decision was being recorded. Fetch it and try again.");
                }
                return new Result(true, null);
            default:
                return new Result(false, null);
        }
    }
}
