using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Aml;

namespace Verilock.Server.Dashboard.Pages.Aml;

/// <summary>One screening: the query, its matches, and the analyst's confirm or dismiss (<see cref="ScreeningDecision"/>, as the API).</summary>
public sealed class DetailModel(VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    public AmlScreening Screening { get; private set; } = null!;
    public string? Error { get; private set; }
    public bool Decided { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, bool decided, CancellationToken cancellationToken)
    {
        var screening = await GetScreening.FindOwnedAsync(db.AmlScreenings.AsNoTracking(), Scope, id, cancellationToken);
        if (screening is null)
            return NotFound();
        Screening = screening;
        Decided = decided && screening.Decision is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string id, string? decision, string? reason, CancellationToken cancellationToken)
    {
        var screening = await GetScreening.FindOwnedAsync(db.AmlScreenings, Scope, id, cancellationToken);
        if (screening is null)
            return NotFound();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!AmlScreeningStatuses.TryParseDecision(decision, out var verdict))
            Error = "Choose confirm, dismiss or escalate.";
        else if (reason is { Length: > 1000 })
            Error = "The reason must be at most 1000 characters.";
        else
        {
            var entry = audit.Add(Operator, AuditActions.ScreeningDecided, screening.SessionId, $"{screening.Id} {decision}");
            var result = await ScreeningDecision.ApplyAsync(db, screening, verdict, reason, Operator.DisplayId, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (!result.Changed)
                db.Entry(entry).State = EntityState.Detached;
            if (result.Conflict is null)
                return Redirect($"{DashboardPaths.Screening(screening.Id)}?decided=true");
            Error = result.Conflict;
        }
        Screening = screening;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
