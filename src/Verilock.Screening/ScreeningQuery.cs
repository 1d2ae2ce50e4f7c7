namespace Verilock.Screening;

/// <summary>
/// What to screen (spec §11.1). <see cref="FullName"/> wins over first/last name. Check
/// <see cref="QueryValidation.Validate"/> before screening untrusted input.
/// </summary>
/// <param name="DateOfBirth"><c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</param>
/// <param name="Nationality">ISO 3166-1 alpha-2, any case.</param>
/// <param name="Lists">List ids to search; null for all loaded lists.</param>
/// <param name="Threshold">Lowest score reported, 0.50–1.00; null for <see cref="DefaultThreshold"/>.</param>
public sealed record ScreeningQuery(
    string? FullName = null,
    string? FirstName = null,
    string? LastName = null,
    string? DateOfBirth = null,
    string? Nationality = null,
    IReadOnlyList<string>? Lists = null,
    double? Threshold = null)
{
    public const double DefaultThreshold = 0.80;
    public const int MaxMatches = 20;

    /// <summary>The name that is matched: the full name, else first and last name together.</summary>
    public string Name => !string.IsNullOrWhiteSpace(FullName)
        ? FullName.Trim()
        : string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));

    /// <summary>Spec §11.1: a query giving first/last name or a birth date is about a person; a bare full name may be anything.</summary>
    public bool PersonsOnly =>
        string.IsNullOrWhiteSpace(FullName) || !string.IsNullOrWhiteSpace(DateOfBirth)
        || !string.IsNullOrWhiteSpace(FirstName) || !string.IsNullOrWhiteSpace(LastName);
}
