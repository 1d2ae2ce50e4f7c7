namespace Verilock.Client;

/// <summary>The <c>meta</c> of a list page (spec §6).</summary>
public sealed class PageMeta
{
    /// <summary>The page returned, from 1.</summary>
    public long CurrentPage { get; init; }

    /// <summary>max(1, ceil(total / per_page)).</summary>
    public long LastPage { get; init; }

    /// <summary>Items per page asked for.</summary>
    public int PerPage { get; init; }

    /// <summary>Items in the whole list under its filters.</summary>
    public long Total { get; init; }
}
