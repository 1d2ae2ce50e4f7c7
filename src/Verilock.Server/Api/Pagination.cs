using System.Globalization;

namespace Verilock.Server.Api;

/// <summary>The shared list parameters of spec §6: <c>page</c>, <c>per_page</c>, and whole-day <c>from</c>/<c>to</c>.</summary>
public sealed record Pagination(long Page, int PerPage, DateOnly? From, DateOnly? To)
{
    public const int DefaultPerPage = 15;
    public const int MaxPerPage = 100;

    public long Offset => (Page - 1) * PerPage;

    /// <summary><c>from</c> ≤ created_at &lt; <c>to</c> + 1 day, as instants.</summary>
    public DateTime? CreatedFrom => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime? CreatedBefore => To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public static Pagination? Read(IQueryCollection query, ValidationErrors errors)
    {
        var page = ReadInteger(query, "page", 1, max: null, errors) ?? 1;
        var perPage = ReadInteger(query, "per_page", 1, MaxPerPage, errors) ?? DefaultPerPage;
        var from = ReadDate(query, "from", errors);
        var to = ReadDate(query, "to", errors);
        if (from is not null && to is not null && from > to)
            errors.Add("from", "The from must be a date before or equal to to.");
        return errors.Any ? null : new Pagination(page, (int)perPage, from, to);
    }

    public ListMeta Meta(long total) =>
        new(Page, Math.Max(1, (total + PerPage - 1) / PerPage), PerPage, total);

    /// <summary>The last value of a query parameter, as PHP-style APIs read repeated parameters.</summary>
    public static string? Last(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    private static long? ReadInteger(IQueryCollection query, string name, long min, long? max, ValidationErrors errors)
    {
        var text = Last(query, name);
        if (text is null)
            return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(name, $"The {name} must be an integer.");
            return null;
        }
        // An upper bound on page keeps (page - 1) × per_page from overflowing; such pages are past the end anyway.
        if (value < min || value > (max ?? long.MaxValue / MaxPerPage))
        {
            errors.Add(name, max is null ? $"The {name} must be at least {min}." : $"The {name} must be between {min} and {max}.");
            return null;
        }
        return value;
    }

    private static DateOnly? ReadDate(IQueryCollection query, string name, ValidationErrors errors)
    {
        var text = Last(query, name);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add(name, $"The {name} must be a date in the format YYYY-MM-DD.");
        return null;
    }
}

public sealed record ListMeta(long CurrentPage, long LastPage, int PerPage, long Total);

public sealed record ListResponse<T>(IReadOnlyList<T> Data, ListMeta Meta);
