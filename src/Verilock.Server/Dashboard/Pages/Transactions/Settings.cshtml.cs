using Microsoft.AspNetCore.Mvc;
using Verilock.Domain.Transactions;
using Verilock.Server.Api;
using Verilock.Server.Transactions;

namespace Verilock.Server.Dashboard.Pages.Transactions;

/// <summary>
/// The account's thresholds for the built-in transaction rules in the current mode: what the rules use now and the
/// form that replaces the overrides, through the API's reader and <see cref="AccountRuleSettings"/> (audited).
/// </summary>
public sealed class SettingsModel(AccountRuleSettings settings, TimeProvider time) : DashboardPage
{
    public TransactionRuleSettings Effective { get; private set; } = TransactionRuleSettings.Default;
    public TransactionRuleSettings Server => settings.Server;
    public TransactionSettingsForm Form { get; private set; } = new();
    public AccountTransactionSettings? Stored { get; private set; }
    public List<string> Problems { get; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Form = TransactionSettingsForm.From(Stored?.Overrides ?? TransactionRuleOverrides.None);
        Message = saved is not null ? "The thresholds were saved." : null;
    }

    public async Task<IActionResult> OnPostAsync(TransactionSettingsForm form, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var overrides = form.Read(errors);
        if (overrides is null)
        {
            Form = form;
            Problems.AddRange(errors.Messages);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }
        await settings.ReplaceAsync(Scope, overrides, Operator.Id, Operator.DisplayId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return Redirect("/dashboard/transactions/settings?saved=1");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Stored = await settings.FindAsync(Scope, cancellationToken);
        Effective = Stored?.Overrides.ApplyTo(settings.Server) ?? settings.Server;
    }
}
