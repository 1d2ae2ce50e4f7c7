using System.Globalization;
using System.Text.RegularExpressions;
using Verilock.Screening.Model;

namespace Verilock.Screening.Lists;

/// <summary>
/// The UK OFSI consolidated list CSV (2022 format, <c>ConList.csv</c>): a "Last Updated,dd/mm/yyyy"
/// line, a header line, then one row per name of a designated person, entity or ship, grouped by
/// "Group ID" (the publisher's id). "Name 6" is the surname (or the whole name of an entity),
/// "Name 1".."Name 5" the other names. Dates are dd/mm/yyyy with 00 for an unknown day or month.
/// </summary>
public static partial class UkOfsiParser
{
    private const string ListId = KnownLists.UkOfsi;

    public static ParsedList Parse(TextReader csv)
    {
        using var rows = CsvRows.Read(csv, ListId, "ConList.csv").GetEnumerator();
        DateOnly? lastUpdated = null;
        string[]? header = null;
        while (header is null && rows.MoveNext())
        {
            var fields = rows.Current.Fields;
            if (fields[0].Trim().Equals("Last Updated", StringComparison.OrdinalIgnoreCase) && fields.Length > 1)
                lastUpdated = ParseDate(fields[1]) is { Month: not null, Day: not null } d ? new DateOnly(d.Year, d.Month.Value, d.Day.Value) : null;
            else if (fields.Any(f => f.Trim() == "Group ID"))
                header = fields.Select(f => f.Trim()).ToArray();
        }
        if (header is null)
            throw new ListParseException(ListId, "no header line with a \"Group ID\" column.");
        var columns = new Columns(header);

        var groups = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            if (fields.Length != header.Length)
                throw new ListParseException(ListId, $"line {line} has {fields.Length} columns, expected {header.Length} (truncated file?).");
            var id = columns.Get(fields, "Group ID") ?? throw new ListParseException(ListId, $"line {line} has no Group ID.");
            (groups.TryGetValue(id, out var list) ? list : groups[id] = []).Add(fields);
        }
        if (groups.Count == 0)
            throw new ListParseException(ListId, "the file holds no designations.");

        var entities = groups.Select(g => Entry(g.Key, g.Value, columns)).OfType<SanctionsEntity>().ToList();
        var version = lastUpdated ?? throw new ListParseException(ListId, "the \"Last Updated\" line is missing or not a date.");
        return new ParsedList(entities, version.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    private static SanctionsEntity? Entry(string id, List<string[]> rows, Columns columns)
    {
        var names = rows
            .Select(r => (Name: FullName(r, columns), Row: r))
            .Where(n => n.Name.Length > 0)
            .OrderBy(n => columns.Get(n.Row, "Alias Type")?.Equals("Primary name", StringComparison.OrdinalIgnoreCase) == true ? 0 : 1)
            .ToList();
        if (names.Count == 0)
            return null;

        var aliases = names.Skip(1)
            .Select(n => new EntityName(n.Name, string.Equals(columns.Get(n.Row, "Alias Quality"), "Low", StringComparison.OrdinalIgnoreCase)
                ? AliasQuality.Weak
                : AliasQuality.Strong))
            .Concat(rows.Select(r => columns.Get(r, "Name Non-Latin Script")).OfType<string>().Select(n => new EntityName(n, AliasQuality.Strong)))
            .DistinctBy(a => a.Value)
            .Where(a => a.Value != names[0].Name)
            .ToList();

        var first = rows[0];
        return new SanctionsEntity
        {
            EntityId = SanctionsEntity.MakeId(ListId, id),
            ListId = ListId,
            Schema = columns.Get(first, "Group Type")?.ToLowerInvariant() switch
            {
                "individual" => EntitySchema.Person,
                "ship" => EntitySchema.Vessel,
                _ => EntitySchema.Organization,
            },
            PrimaryName = names[0].Name,
            Aliases = aliases,
            BirthDates = rows.Select(r => ParseDate(columns.Get(r, "DOB"))).OfType<BirthDate>().Distinct().ToList(),
            Nationalities = rows.SelectMany(r => SplitNumbered(columns.Get(r, "Nationality")))
                .Select(Countries.ToAlpha2).OfType<string>().Distinct().ToList(),
            Identifiers = rows.SelectMany(r => SplitNumbered(columns.Get(r, "Passport Number")))
                .Distinct().Select(p => new EntityIdentifier("Passport", p, null)).ToList(),
            Programs = rows.Select(r => columns.Get(r, "Regime")).OfType<string>().Distinct().ToList(),
        };
    }

    private static readonly string[] NameColumns = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"];

    private static string FullName(string[] row, Columns columns) =>
        string.Join(' ', NameColumns.Select(c => columns.Get(row, c)).OfType<string>());

    /// <summary>dd/mm/yyyy with 00 for an unknown day or month.</summary>
    private static BirthDate? ParseDate(string? text)
    {
        var parts = text?.Trim().Split('/');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1000
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            return null;
        if (month is < 1 or > 12)
            return BirthDate.OfYear(year);
        return day >= 1 && day <= DateTime.DaysInMonth(year, month) ? BirthDate.OfDay(year, month, day) : BirthDate.OfMonth(year, month);
    }

    /// <summary>OFSI writes several values as "(1) Afghan (2) Pakistani".</summary>
    private static IEnumerable<string> SplitNumbered(string? text) =>
        text is null ? [] : NumberedItem().Split(text).Select(t => t.Trim().TrimEnd(',', ';')).Where(t => t.Length > 0);

    [GeneratedRegex(@"\(\d+\)")]
    private static partial Regex NumberedItem();

    private sealed class Columns(string[] header)
    {
        private readonly Dictionary<string, int> _index = header
            .Select((name, i) => (name, i)).DistinctBy(c => c.name).ToDictionary(c => c.name, c => c.i, StringComparer.OrdinalIgnoreCase);

        public string? Get(string[] row, string column)
        {
            if (!_index.TryGetValue(column, out var i))
                return null;
            var value = row[i].Trim();
            return value.Length == 0 ? null : value;
        }
    }
}
