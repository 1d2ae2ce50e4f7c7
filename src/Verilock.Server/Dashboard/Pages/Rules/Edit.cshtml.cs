using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Rules;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Api;
using Verilock.Server.Rules;

namespace Verilock.Server.Dashboard.Pages.Rules;

/// <summary>
/// One rule of the current mode: change it (the API's rules, <see cref="RuleForm"/>), enable or disable it, delete it,
/// and the sessions it decided (<c>decided_by = rule:&lt;id&gt;</c>).
/// </summary>
public sealed class EditModel(VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    private const int MaxDecidedShown = 50;

    public Rule Rule { get; private set; } = null!;
    public RuleForm Form { get; private set; } = new();
    public IReadOnlyList<Session> Decided { get; private set; } = [];
    public List<string> Problems { get; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? created, string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Form = RuleForm.From(Rule);
        Message = created is not null ? "The rule was created." : saved is not null ? "The rule was saved." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, RuleForm form, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        var errors = new ValidationErrors();
        var definition = form.Read(errors);
        if (definition is null)
        {
            Form = form;
            Problems.AddRange(errors.Messages);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Rule.Change(definition, time.GetUtcNow().UtcDateTime);
        audit.Add(Operator, AuditActions.RuleUpdated, detail: Rule.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/dashboard/rules/{Rule.Id}?saved=1");
    }

    public async Task<IActionResult> OnPostToggleAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Rule.Change(Rule.Definition with { Enabled = !Rule.Enabled }, time.GetUtcNow().UtcDateTime);
        audit.Add(Operator, AuditActions.RuleUpdated, detail: $"{Rule.Id} enabled={(Rule.Enabled ? "true" : "false")}");
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/dashboard/rules/{Rule.Id}?saved=1");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        var rule = await OwnedRules.FindAsync(db, Scope, id, cancellationToken);
        if (rule is null)
            return NotFound();
        db.Rules.Remove(rule);
        audit.Add(Operator, AuditActions.RuleDeleted, detail: rule.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/dashboard/rules?deleted=1");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var rule = await OwnedRules.FindAsync(db, Scope, id, cancellationToken);
        if (rule is null)
            return false;
        Rule = rule;
        var scope = Scope;
        var decidedBy = rule.DecidedBy;
        Decided = await db.Sessions.AsNoTracking()
            .Where(s => s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode && s.DecidedBy == decidedBy)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(MaxDecidedShown).ToListAsync(cancellationToken);
        return true;
    }
}
