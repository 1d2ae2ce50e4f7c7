using Verilock.Screening.Model;

namespace Verilock.Screening.Lists;

/// <summary>
/// OFAC's legacy SDN CSV files: <c>sdn.csv</c> (one row per entry, 12 columns, no header),
/// <c>alt.csv</c> (aliases), <c>sdn_comments.csv</c> (remarks too long for <c>sdn.csv</c>, continued
/// verbatim). <c>-0-</c> marks an empty field. Individuals are written "LAST, First".
/// </summary>
public static class OfacSdnParser
{
    private const string ListId = KnownLists.OfacSdn;
    private const int SdnColumns = 12;
    private const int AltColumns = 5;

    /// <summary>More aliases than this share pointing at entries missing from sdn.csv means sdn.csv was cut short.</summary>
    private const double MaxOrphanAliasShare = 0.01;

    /// <param name="version">OFAC's legacy files carry no date; the caller passes the download or file date.</param>
    public static ParsedList Parse(TextReader sdn, TextReader? alt, TextReader? comments, DateOnly version)
    {
        var rows = ReadEntries(sdn);
        if (comments is not null)
            AppendRemarks(rows, comments);
        var aliases = alt is null ? [] : ReadAliases(alt, rows);

        var entities = rows.Values.Select(row => ToEntity(row, aliases.GetValueOrDefault(row.Id) ?? [])).ToList();
        if (entities.Count == 0)
            throw new ListParseException(ListId, "sdn.csv holds no entries.");
        return new ParsedList(entities, version.ToString("yyyy-MM-dd"), null);
    }

    private sealed class SdnRow
    {
        public required string Id { get; init; }
        public required string[] Fields { get; init; }
        public string Remarks { get; set; } = "";
    }

    private static Dictionary<string, SdnRow> ReadEntries(TextReader sdn)
    {
        var rows = new Dictionary<string, SdnRow>(StringComparer.Ordinal);
        foreach (var (row, fields) in CsvRows.Read(sdn, ListId, "sdn.csv"))
        {
            if (fields.Length != SdnColumns)
                throw new ListParseException(ListId, $"sdn.csv line {row} has {fields.Length} columns, expected {SdnColumns} (truncated file?).");
            var id = Value(fields[0]) ?? throw new ListParseException(ListId, $"sdn.csv line {row} has no ent_num.");
            if (Value(fields[1]) is null)
                throw new ListParseException(ListId, $"sdn.csv line {row} has no name.");
            rows[id] = new SdnRow { Id = id, Fields = fields, Remarks = Value(fields[11]) ?? "" };
        }
        return rows;
    }

    private static void AppendRemarks(Dictionary<string, SdnRow> rows, TextReader comments)
    {
        foreach (var (_, fields) in CsvRows.Read(comments, ListId, "sdn_comments.csv"))
        {
            if (fields.Length >= 2 && Value(fields[0]) is { } id && rows.TryGetValue(id, out var entry))
                entry.Remarks += Value(fields[1]) ?? "";
        }
    }

    private static Dictionary<string, List<EntityName>> ReadAliases(TextReader alt, Dictionary<string, SdnRow> rows)
    {
        var aliases = new Dictionary<string, List<EntityName>>(StringComparer.Ordinal);
        int total = 0, orphans = 0;
        foreach (var (row, fields) in CsvRows.Read(alt, ListId, "alt.csv"))
        {
            if (fields.Length != AltColumns)
                throw new ListParseException(ListId, $"alt.csv line {row} has {fields.Length} columns, expected {AltColumns} (truncated file?).");
            total++;
            var id = Value(fields[0]);
            var name = Value(fields[3]);
            if (id is null || name is null)
                continue;
            if (!rows.TryGetValue(id, out var entry))
            {
                orphans++;
                continue;
            }
            var displayName = IsIndividual(entry.Fields) ? FirstNameFirst(name) : name;
            (aliases.TryGetValue(id, out var list) ? list : aliases[id] = []).Add(new EntityName(displayName, AliasQuality.Strong));
        }
        if (total > 0 && orphans > total * MaxOrphanAliasShare)
            throw new ListParseException(ListId, $"{orphans} of {total} aliases in alt.csv belong to no entry of sdn.csv (truncated sdn.csv?).");
        return aliases;
    }

    private static SanctionsEntity ToEntity(SdnRow row, List<EntityName> aliases)
    {
        var f = row.Fields;
        var schema = Value(f[2])?.ToLowerInvariant() switch
        {
            "individual" => EntitySchema.Person,
            "vessel" => EntitySchema.Vessel,
            "aircraft" => EntitySchema.Aircraft,
            _ => EntitySchema.Organization,
        };
        var remarks = OfacRemarks.Parse(row.Remarks);
        var name = Value(f[1])!;
        var identifiers = remarks.Identifiers.ToList();
        if (Value(f[5]) is { } callSign)
            identifiers.Add(new EntityIdentifier("Call Sign", callSign, null));
        var nationalities = remarks.Nationalities.ToList();
        if (schema == EntitySchema.Vessel && Countries.ToAlpha2(Value(f[9])) is { } flag && !nationalities.Contains(flag))
            nationalities.Add(flag);

        return new SanctionsEntity
        {
            EntityId = SanctionsEntity.MakeId(ListId, row.Id),
            ListId = ListId,
            Schema = schema,
            PrimaryName = schema == EntitySchema.Person ? FirstNameFirst(name) : name,
            Aliases = [.. aliases, .. remarks.WeakAliases.Select(a => new EntityName(schema == EntitySchema.Person ? FirstNameFirst(a) : a, AliasQuality.Weak))],
            BirthDates = remarks.BirthDates,
            Nationalities = nationalities,
            Identifiers = identifiers,
            Programs = Programs(Value(f[3])),
        };
    }

    private static bool IsIndividual(string[] fields) => string.Equals(Value(fields[2]), "individual", StringComparison.OrdinalIgnoreCase);

    /// <summary>"CRUZ, Juan M. de la" → "Juan M. de la CRUZ", the order the spec shows names in.</summary>
    private static string FirstNameFirst(string name)
    {
        var comma = name.IndexOf(", ", StringComparison.Ordinal);
        return comma <= 0 ? name : $"{name[(comma + 2)..].Trim()} {name[..comma].Trim()}";
    }

    /// <summary>The program column lists several as "SDGT] [IRGC".</summary>
    private static IReadOnlyList<string> Programs(string? column) =>
        column is null ? [] : column.Split("] [", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Value(string field)
    {
        var trimmed = field.Trim();
        return trimmed.Length == 0 || trimmed == "-0-" ? null : trimmed;
    }
}
