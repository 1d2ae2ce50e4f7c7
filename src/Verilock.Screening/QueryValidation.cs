using System.Globalization;
using Verilock.Screening.Matching;
using Verilock.Screening.Model;

namespace Verilock.Screening;

/// <summary>
/// Checks a <see cref="ScreeningQuery"/> before it is screened, so the HTTP layer can answer 422
/// with one message per field instead of screening nonsense. Never throws.
/// </summary>
public static class QueryValidation
{
    public const int MaxPartLength = 100;
    public const int MaxFullNameLength = 200;
    public const double MinThreshold = 0.5;
    public const double MaxThreshold = 1.0;
    private const int OldestBirthYear = 1900;

    /// <summary>Field name (snake_case, as on the wire) → what is wrong. Empty when the query is usable.</summary>
    /// <param name="knownLists">The list ids that may be asked for (those loaded).</param>
    /// <param name="today">To reject birth dates in the future.</param>
    public static IReadOnlyDictionary<string, string> Validate(this ScreeningQuery query, IReadOnlyCollection<string> knownLists, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var hasFullName = !string.IsNullOrWhiteSpace(query.FullName);
        if (!hasFullName && string.IsNullOrWhiteSpace(query.LastName))
            errors["full_name"] = "full_name or last_name is required.";

        CheckName(errors, "full_name", query.FullName, MaxFullNameLength);
        CheckName(errors, "first_name", query.FirstName, MaxPartLength);
        CheckName(errors, "last_name", query.LastName, MaxPartLength);
        if (!errors.ContainsKey("full_name") && !errors.ContainsKey("first_name") && !errors.ContainsKey("last_name")
            && CountLetters(NameNormalizer.Normalize(query.Name).ToString()) < 2)
            errors[hasFullName ? "full_name" : "last_name"] = "The name must have at least two letters.";

        if (!string.IsNullOrWhiteSpace(query.DateOfBirth))
        {
            if (!BirthDate.TryParseIso(query.DateOfBirth, out var date))
                errors["date_of_birth"] = "Must be a real date written YYYY, YYYY-MM or YYYY-MM-DD.";
            else if (date.Year < OldestBirthYear || Earliest(date) > today)
                errors["date_of_birth"] = $"Must lie between {OldestBirthYear} and today.";
        }
        if (query.Nationality is { } nationality
            && (nationality.Trim().Length != 2 || !nationality.Trim().All(char.IsAsciiLetter)))
            errors["nationality"] = "Must be an ISO 3166-1 alpha-2 country code.";
        if (query.Lists is { } lists)
        {
            var unknown = lists.Where(l => !knownLists.Contains(l)).ToList();
            if (lists.Count == 0)
                errors["lists"] = "Name at least one list, or leave lists out to search all.";
            else if (unknown.Count > 0)
                errors["lists"] = $"Unknown list(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", knownLists)}.";
        }
        if (query.Threshold is { } threshold && (double.IsNaN(threshold) || threshold < MinThreshold || threshold > MaxThreshold))
            errors["threshold"] = string.Create(CultureInfo.InvariantCulture, $"Must be between {MinThreshold:0.00} and {MaxThreshold:0.00}.");
        return errors;
    }

    private static void CheckName(Dictionary<string, string> errors, string field, string? value, int maxLength)
    {
        if (value is null)
            return;
        if (value.Length > maxLength)
        {
            errors[field] = $"Must be at most {maxLength} characters.";
            return;
        }
        if (value.Length > 0 && string.IsNullOrWhiteSpace(value))
        {
            errors.TryAdd(field, "Must not be blank.");
            return;
        }
        if (!value.EnumerateRunes().All(IsNameCharacter))
        {
            errors[field] = "Contains characters that are not part of a name (emoji, symbols or control characters).";
            return;
        }
        var scripts = value.EnumerateRunes().Select(Scripts.Of).Where(s => s != Script.None).Distinct().ToList();
        if (scripts.Count > 1)
            errors[field] = $"Mixes writing systems ({string.Join(", ", scripts)}); write the name in one script.";
    }

    /// <summary>Letters, combining marks, digits (organisation names), spaces and the punctuation names use.</summary>
    private static bool IsNameCharacter(System.Text.Rune rune) => System.Text.Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.DashPunctuation or UnicodeCategory.ConnectorPunctuation => true,
        UnicodeCategory.OtherPunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation => true,
        UnicodeCategory.Format => rune.Value is 0x200C or 0x200D, // joiners used inside Indic and Persian words
        _ => false,
    };

    private static int CountLetters(string normalized) => normalized.Count(char.IsAsciiLetter);

    private static DateOnly Earliest(BirthDate date) => new(date.Year, date.Month ?? 1, date.Day ?? 1);
}
