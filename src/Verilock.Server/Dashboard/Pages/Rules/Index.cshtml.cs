using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Rules;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Api;
using Verilock.Server.Rules;

namespace Verilock.Server.Dashboard.Pages.Rules;

/// <summary>
/// Orchestration rules of the account in the current mode, in the order they run, and the form that adds one, read by
/// the API's reader (<see cref="RuleForm"/>) and scoped by <see cref="OwnedRules"/>; and the simulate form, which runs a
/// draft through <c>POST /orchestration/rules/simulate</c>'s code (<see cref="RuleSimulation"/>) and stores nothing.
/// </summary>
public sealed class IndexModel(VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    private const int MaxShown = 200;

    public IReadOnlyList<Rule> Rules { get; private set; } = [];
    public RuleForm Form { get; private set; } = new();
    public List<string> Problems { get; } = [];
    public string? Message { get; private set; }
    public RuleForm SimulateForm { get; private set; } = new() { Name = "Draft" };
    public string SimulateLimit { get; private set; } = RuleSimulation.DefaultSessions.ToString(CultureInfo.InvariantCulture);
    public RuleSimulationResult? Simulation { get; private set; }
    public List<string> SimulateProblems { get; } = [];

    public Task OnGetAsync(string? deleted, CancellationToken cancellationToken)
    {
        Message = deleted is not null ? "The rule was deleted." : null;
        return LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(RuleForm form, CancellationToken cancellationToken)
    {
        Form = form;
        var errors = new ValidationErrors();
        var definition = form.Read(errors);
        if (definition is null)
        {
            Problems.AddRange(errors.Messages);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }
        var rule = OwnedRules.Add(db, Scope, definition, time.GetUtcNow().UtcDateTime);
        audit.Add(Operator, AuditActions.RuleCreated, detail: rule.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/dashboard/rules/{rule.Id}?created=1");
    }

    public async Task<IActionResult> OnPostSimulateAsync(RuleForm form, string? limit, CancellationToken cancellationToken)
    {
        SimulateForm = form;
        SimulateLimit = limit?.Trim() ?? "";
        var errors = new ValidationErrors();
        var draft = form.Read(errors);
        var sessions = RuleSimulation.DefaultSessions;
        if (SimulateLimit.Length > 0
            && (!int.TryParse(SimulateLimit, NumberStyles.None, CultureInfo.InvariantCulture, out sessions) || sessions is < 1 or > RuleSimulation.MaxSessions))
            errors.Add("limit", $"The limit must be between 1 and {RuleSimulation.MaxSessions}.");
        if (draft is null || errors.Any)
        {
            SimulateProblems.AddRange(errors.Messages);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            Simulation = await RuleSimulation.RunAsync(db, Scope, draft, null, null, sessions, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rules = await OwnedRules.Of(db, Scope).Take(MaxShown).ToListAsync(cancellationToken);
}
