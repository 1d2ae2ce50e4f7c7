using Verilock.Client.Http;

namespace Verilock.Client;

/// <summary>The parameters every list takes (spec §6). Filters of a particular list are on its own subclass.</summary>
public class ListOptions
{
    /// <summary>The page to read, from 1 (server default 1).</summary>
    public long? Page { get; set; }

    /// <summary>Items per page, 1–100 (server default 15).</summary>
    public int? PerPage { get; set; }

    /// <summary>Only items created on or after this UTC day.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Only items created on or before this UTC day (the whole day included).</summary>
    public DateOnly? To { get; set; }

    /// <summary>The query of these options with <paramref name="page"/> in place of <see cref="Page"/>; the options are not changed.</summary>
    internal string ToQuery(long? page)
    {
        var query = new QueryBuilder()
            .Add("page", page)
            .Add("per_page", PerPage)
            .Add("from", From)
            .Add("to", To);
        AddFilters(query);
        return query.ToString();
    }

    /// <summary>Adds the list's own filters.</summary>
    private protected virtual void AddFilters(QueryBuilder query)
    {
    }
}
