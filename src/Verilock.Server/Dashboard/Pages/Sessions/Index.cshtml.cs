using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Reads;
using Verilock.Server.Api;
using Verilock.Server.Sessions;

namespace Verilock.Server.Dashboard.Pages.Sessions;

/// <summary>
/// The sessions list: the API's filters (status, from, to, reference) read the way the API reads them, plus a
/// bounded search by name or reference (<see cref="SessionSearch"/>).
/// </summary>
public sealed class IndexModel(SessionListing listing, VerilockDbContext db, TimeProvider time) : DashboardPage
{
    public static readonly string[] Statuses = ["created", "processing", "approved", "declined", "expired"];

    /// <summary>The form's label for each query parameter, to name a rejected filter.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldLabels = new Dictionary<string, string>
    {
        ["q"] = "Name or reference", ["status"] = "Status", ["from"] = "Created from", ["to"] = "Created to",
        ["reference_id"] = "Exact reference", ["page"] = "Page", ["per_page"] = "Page",
    };

    public string? Query { get; private set; }
    public string? Status { get; private set; }
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? ReferenceId { get; private set; }
    public List<string> Problems { get; } = [];
    public IReadOnlyList<SessionListRow> Rows { get; private set; } = [];
    public Paging? Paging { get; private set; }
    public bool SearchWindowFull { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var q = Request.Query;
        Query = NullIfEmpty(q["q"]);
        Status = NullIfEmpty(q["status"]);
        From = NullIfEmpty(q["from"]);
        To = NullIfEmpty(q["to"]);
        ReferenceId = NullIfEmpty(q["reference_id"]);
        if (Status is not null && !Statuses.Contains(Status))
            Problems.Add("status");
        if (Query is { Length: > 200 })
            Problems.Add("q");
        if (ReferenceId is { Length: > 255 })
            Problems.Add("reference_id");
        // The API's reading of page, from and to (whole UTC days, from ≤ to); the dashboard's page size is its own.
        var errors = new ValidationErrors();
        var pagination = Pagination.Read(Request.Query, errors);
        Problems.AddRange(errors.Fields);
        if (Problems.Count > 0)
            return;

        Paging = new Paging(pagination!.Page, Dashboard.Paging.DefaultPerPage, 0, DashboardPaths.Sessions,
            new Dictionary<string, string?> { ["q"] = Query, ["status"] = Status, ["from"] = From, ["to"] = To, ["reference_id"] = ReferenceId });
        var listQuery = new SessionListQuery(Scope.AccountId, Scope.LiveMode, Status, ReferenceId, pagination.CreatedFrom, pagination.CreatedBefore,
            Paging.Offset, Paging.PerPage);
        if (Query is not null)
        {
            var found = await SessionSearch.FindAsync(db, listQuery, Query, cancellationToken);
            Rows = found.Rows;
            SearchWindowFull = found.WindowFull;
            Paging = Paging with { Total = found.Total };
        }
        else
        {
            var page = await listing.ReadAsync(listQuery, time.GetUtcNow().UtcDateTime, cancellationToken);
            Rows = page.Rows;
            Paging = Paging with { Total = page.Total };
        }
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();
}
