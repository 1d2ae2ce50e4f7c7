using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Hosting;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Dashboard.Pages.Webhooks;

/// <summary>
/// Webhook endpoints of the account in the current mode: list, create (the secret is shown once), disable and
/// enable, with the API's URL rules (<see cref="WebhookTargets"/>) and its changes (<see cref="EndpointChanges"/>).
/// </summary>
public sealed class IndexModel(
    VerilockDbContext db, WebhookSecrets secrets, TimeProvider time, IOptions<VerilockOptions> options, AuditLog audit)
    : DashboardPage
{
    private const int MaxShown = 200;

    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];
    public string? CreatedSecret { get; private set; }
    public string? CreatedId { get; private set; }
    public List<string> Problems { get; } = [];
    public string? EndpointUrl { get; private set; }
    public string? Description { get; private set; }
    public IReadOnlyList<string> Events { get; private set; } = [WebhookEvents.All];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? url, string? description, string[]? events, CancellationToken cancellationToken)
    {
        EndpointUrl = url?.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Events = (events ?? []).Where(WebhookEvents.Subscribable.Contains).Distinct().ToList();
        if (string.IsNullOrEmpty(EndpointUrl))
            Problems.Add("Enter the endpoint's URL.");
        else if (EndpointUrl.Length > WebhookTargets.MaxUrlLength)
            Problems.Add("The URL is too long.");
        else if (WebhookTargets.Problem(EndpointUrl, Scope.LiveMode, options.Value.Webhooks) is { } problem)
            Problems.Add(problem);
        if (Events.Count == 0)
            Problems.Add("Choose at least one event.");
        if (Description is { Length: > 1000 })
            Problems.Add("The description must be at most 1000 characters.");
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var subscribed = Events.Contains(WebhookEvents.All) ? [WebhookEvents.All] : Events.ToList();
        var (endpoint, secret) = await EndpointChanges.CreateAsync(db, secrets, Scope, EndpointUrl!, subscribed, Description, time.UtcMicroseconds(), cancellationToken);
        await audit.RecordAsync(Operator, AuditActions.WebhookEndpointCreated, null, endpoint.Id, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        CreatedSecret = secret;
        CreatedId = endpoint.Id;
        EndpointUrl = Description = null;
        Events = [WebhookEvents.All];
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(string id, bool enable, CancellationToken cancellationToken)
    {
        var endpoint = await GetEndpoint.FindOwnedAsync(db, Scope, id, cancellationToken);
        if (endpoint is null)
            return NotFound();
        await EndpointChanges.UpdateAsync(db, endpoint, null, null, null, enable, time.UtcSeconds(), cancellationToken);
        if (!enable)
            await audit.RecordAsync(Operator, AuditActions.WebhookEndpointDisabled, null, endpoint.Id, cancellationToken);
        return Redirect("/dashboard/webhooks");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = Scope;
        Endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.AccountId == scope.AccountId && e.LiveMode == scope.LiveMode)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(MaxShown)
            .ToListAsync(cancellationToken);
    }
}
