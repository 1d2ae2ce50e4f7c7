namespace Verilock.Domain.Aml;

/// <summary>
/// What was screened, as the caller gave it (spec §11.1 <c>query</c>). Personal data: kept for the
/// reviewer and for monitoring re-runs, never logged.
/// </summary>
/// <param name="DateOfBirth"><c>YYYY-MM-DD</c>, or <c>YYYY</c> / <c>YYYY-MM</c> when only that is known.</param>
/// <param name="Nationality">ISO 3166-1 alpha-2, upper case.</param>
public sealed record AmlQuery(string? FullName, string? FirstName, string? LastName, string? DateOfBirth, string? Nationality)
{
    /// <summary>The name that is matched: the full name, else first and last name together.</summary>
    public string ScreenedName => !string.IsNullOrWhiteSpace(FullName)
        ? FullName.Trim()
        : string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));

    /// <summary>The family name the sandbox reads (spec §2.2): <c>last_name</c>, else the last word of the full name.</summary>
    public string? FamilyName
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(FullName))
                return FullName.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[^1];
            return string.IsNullOrWhiteSpace(LastName) ? null : LastName.Trim();
        }
    }
}

/// <summary>One listed entity that matched (spec §11.1 match object).</summary>
public sealed record AmlMatch(
    string EntityId,
    string List,
    string Name,
    string MatchedName,
    double Score,
    string Schema,
    IReadOnlyList<string> Programs,
    string? DateOfBirth,
    string? Nationality,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string>? Aka = null);

/// <summary>Something that happened to a screening; the persistence layer writes it to the outbox (spec §12.5).</summary>
public sealed record AmlEvent(string Type, DateTime OccurredAt, IReadOnlyDictionary<string, object?> Data)
    : Common.DomainEvent(Type, OccurredAt, Data);
