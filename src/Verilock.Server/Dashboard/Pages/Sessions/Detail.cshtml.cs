using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Faces;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Sessions;

namespace Verilock.Server.Dashboard.Pages.Sessions;

/// <summary>
/// One session: applicant, steps and their results, the risk chart, images, events and webhook deliveries, and
/// approve/decline for a session in review through the same <see cref="ManualDecision"/> as the API.
/// </summary>
public sealed class DetailModel(OwnedSessions owned, VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    public const int MaxReasonLength = 1000;
    private const int TimelineLimit = 200;

    public Session Session { get; private set; } = null!;
    public IReadOnlyList<OutboxEvent> Events { get; private set; } = [];
    public IReadOnlyList<WebhookDelivery> Deliveries { get; private set; } = [];
    public AmlScreening? Screening { get; private set; }
    /// <summary>The session's face template (spec §20), newest first: what re-authentication compares with.</summary>
    public FaceTemplate? FaceTemplate { get; private set; }
    public IReadOnlyList<BiometricCheck> BiometricChecks { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Decided { get; private set; }
    public string? Reason { get; private set; }

    public bool AwaitsDecision => Session.Status == SessionStatus.Processing && Session.Decision == SessionDecision.Review;

    public async Task<IActionResult> OnGetAsync(string id, string? decided, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Decided = decided is "approved" or "declined" && Session.Decision?.ToWire() == decided ? decided : null;
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(string id, string? decision, string? reason, CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(Scope, id, cancellationToken);
        if (session is null)
            return NotFound();
        SessionDecision? outcome = decision switch
        {
            "approved" => SessionDecision.Approved,
            "declined" => SessionDecision.Declined,
            _ => null,
        };
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var problem = outcome is null ? "Choose approve or decline."
            : reason is { Length: > MaxReasonLength } ? "The reason must be at most 1000 characters." : null;
        if (problem is null)
        {
            // The audit row joins the decision's own transaction; it is dropped when nothing was decided.
            var entry = audit.Add(Operator, AuditActions.SessionDecided, session.Id, decision);
            var result = await ManualDecision.ApplyAsync(
                db, session, outcome!.Value, reason, Operator.DisplayId, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (!result.Changed)
                db.Entry(entry).State = EntityState.Detached;
            if (result.Conflict is null)
                return Redirect($"{DashboardPaths.Session(session.Id)}?decided={decision}");
            problem = result.Conflict;
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, cancellationToken);
        Error = problem;
        Reason = reason;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(Scope, id, cancellationToken);
        if (session is null)
            return false;
        Session = session;
        Events = await db.OutboxEvents.AsNoTracking()
            .Where(e => e.SessionId == session.Id && e.AccountId == session.AccountId)
            .OrderBy(e => e.Sequence).Take(TimelineLimit).ToListAsync(cancellationToken);
        Deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.SessionId == session.Id && d.AccountId == session.AccountId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.WebhookId).Take(TimelineLimit).ToListAsync(cancellationToken);
        FaceTemplate = await db.FaceTemplates.AsNoTracking()
            .Where(t => t.SessionId == session.Id && t.AccountId == session.AccountId && t.LiveMode == session.LiveMode)
            .OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        BiometricChecks = await db.BiometricChecks.AsNoTracking()
            .Where(c => c.SessionId == session.Id && c.AccountId == session.AccountId && c.LiveMode == session.LiveMode)
            .OrderByDescending(c => c.CreatedAt).Take(TimelineLimit).ToListAsync(cancellationToken);
        if (Details<AmlStepDetails>(VerificationStep.Aml)?.ScreeningId is { } screeningId)
            Screening = await db.AmlScreenings.AsNoTracking()
                .FirstOrDefaultAsync(s => s.Id == screeningId && s.AccountId == session.AccountId, cancellationToken);
        return true;
    }

    public StepResult? Result(VerificationStep step) =>
        Session.Results.TryGetValue(step, out var result) ? result : null;

    public T? Details<T>(VerificationStep step) where T : StepDetails => Result(step)?.Details as T;

    /// <summary>The step panels this session's page shows (<see cref="StepPanels"/>).</summary>
    public IReadOnlyList<StepPanel> Panels => StepPanels.Of(Session.Steps);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Display.Missing;

    /// <summary>A number as JSON writes it (shortest round-trip form).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string? Flag(bool? flag) => flag is { } value ? (value ? "yes" : "no") : null;
}
