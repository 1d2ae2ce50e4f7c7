namespace Verilock.Server.Dashboard;

/// <summary>A page of a dashboard list: where it is, how many there are, and links that keep the filters.</summary>
public sealed record Paging(long Page, int PerPage, long Total, string Path, IReadOnlyDictionary<string, string?> Filters)
{
    public const int DefaultPerPage = 25;

    public long LastPage => Math.Max(1, (Total + PerPage - 1) / PerPage);
    public long Offset => (Page - 1) * PerPage;
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < LastPage;

    public string Link(long page)
    {
        var query = Filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value!)}")
            .Append($"page={page}");
        return $"{Path}?{string.Join('&', query)}";
    }

}
