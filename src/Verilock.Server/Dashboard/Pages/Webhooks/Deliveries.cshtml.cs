using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Api;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Dashboard.Pages.Webhooks;

/// <summary>The delivery log with the API's filters (spec §12.6) and resend through <see cref="DeliveryResend"/>.</summary>
public sealed class DeliveriesModel(VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    public static readonly string[] Statuses = [WebhookDelivery.Pending, WebhookDelivery.Succeeded, WebhookDelivery.Failed];

    public IReadOnlyList<WebhookDelivery> Deliveries { get; private set; } = [];
    public Paging? Paging { get; private set; }
    public string? Status { get; private set; }
    public string? Event { get; private set; }
    public string? EndpointId { get; private set; }
    public string? SessionId { get; private set; }
    public string? Error { get; private set; }
    public string? Resent { get; private set; }

    public Task OnGetAsync(string? resent, CancellationToken cancellationToken)
    {
        Resent = resent;
        return LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResendAsync(string webhookId, CancellationToken cancellationToken)
    {
        var delivery = await DeliveryResend.FindOwnedAsync(db, Scope, webhookId, cancellationToken);
        if (delivery is null)
            return NotFound();
        Error = await DeliveryResend.QueueAsync(db, delivery, time, cancellationToken);
        if (Error is null)
        {
            await audit.RecordAsync(Operator, AuditActions.WebhookResent, delivery.SessionId, delivery.WebhookId, cancellationToken);
            return Redirect($"/dashboard/webhooks/deliveries?resent={Uri.EscapeDataString(delivery.WebhookId)}");
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var q = Request.Query;
        Status = Filter(q["status"], Statuses.Contains);
        Event = Filter(q["event"], WebhookEvents.Names.Contains);
        EndpointId = Filter(q["endpoint_id"], id => id.Length <= 40);
        SessionId = Filter(q["session_id"], id => id.Length <= 40);
        var pagination = Pagination.Read(q, new ValidationErrors()) ?? new Pagination(1, Dashboard.Paging.DefaultPerPage, null, null);

        var scope = Scope;
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.AccountId == scope.AccountId && d.LiveMode == scope.LiveMode);
        if (Status is not null)
            query = query.Where(d => d.Status == Status);
        if (Event is not null)
            query = query.Where(d => d.EventType == Event);
        if (EndpointId is not null)
            query = query.Where(d => d.EndpointId == EndpointId);
        if (SessionId is not null)
            query = query.Where(d => d.SessionId == SessionId);
        Paging = new Paging(pagination.Page, Dashboard.Paging.DefaultPerPage, await query.LongCountAsync(cancellationToken),
            "/dashboard/webhooks/deliveries",
            new Dictionary<string, string?> { ["status"] = Status, ["event"] = Event, ["endpoint_id"] = EndpointId, ["session_id"] = SessionId });
        Deliveries = Paging.Offset >= Paging.Total
            ? []
            : await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.WebhookId)
                .Skip((int)Paging.Offset).Take(Paging.PerPage).ToListAsync(cancellationToken);
    }

    private static string? Filter(Microsoft.Extensions.Primitives.StringValues value, Func<string, bool> allowed) =>
        value.ToString() is { Length: > 0 } text && allowed(text) ? text : null;
}
