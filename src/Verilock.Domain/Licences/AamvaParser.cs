using System.Text.RegularExpressions;

namespace Verilock.Domain.Licences;

/// <summary>
/// Reads the text of an AAMVA DL/ID Card Design Standard barcode (versions 1–10). Real licences bend the standard
/// — wrong subfile offsets, CRLF for LF, padded values, old name elements — so the parser locates what it needs
/// rather than trusting the header's arithmetic, and it fails with a reason instead of throwing.
/// </summary>
public static partial class AamvaParser
{
    /// <summary>A licence barcode holds well under 2 KB; anything far larger is not one and is not worth scanning.</summary>
    public const int MaxLength = 4096;

    // Issuer ids of the Canadian provinces and territories: their barcodes write dates year first.
    private static readonly HashSet<string> CanadianIssuers =
    [
        "604426", "604427", "604428", "604429", "604430", "604431", "604432", "604433",
        "636012", "636013", "636016", "636017", "636018", "636028", "636044", "636048",
    ];

    public static AamvaParseResult Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return AamvaParseResult.Fail("empty");
        if (text.Length > MaxLength)
            return AamvaParseResult.Fail("too_long");
        try
        {
            return ParseChecked(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            // The parser is written to avoid these; this is the last guard that keeps hostile input from failing a step.
            return AamvaParseResult.Fail("malformed");
        }
    }

    private static AamvaParseResult ParseChecked(string text)
    {
        var header = Header().Match(text);
        if (!header.Success || header.Index > 8)
            return AamvaParseResult.Fail("not_aamva");
        var issuer = header.Groups["iin"].Value;
        var version = int.Parse(header.Groups["version"].Value);

        var body = LicenceSubfile(text, header.Index + header.Length);
        if (body is null)
            return AamvaParseResult.Fail("no_licence_subfile");
        var (type, elements) = (body.Value.Type, Elements(body.Value.Text));

        var number = Value(elements, "DAQ");
        if (number is null)
            return AamvaParseResult.Fail("missing_document_number");
        var (surname, given) = Names(elements);
        if (surname is null)
            return AamvaParseResult.Fail("missing_name");

        var country = Country(Value(elements, "DCG"), issuer);
        // Version 1 predates the US month-first order; Canada has always written the year first.
        var yearFirst = country == "CA" || version <= 1;
        var birth = AamvaDates.Parse(Value(elements, "DBB"), yearFirst);
        if (birth is null)
            return AamvaParseResult.Fail("missing_birth_date");

        var jurisdiction = Value(elements, "DAJ");
        return new AamvaParseResult(new AamvaLicence(
            issuer, version, type, number, surname, given ?? "", birth.Value,
            AamvaDates.Parse(Value(elements, "DBA"), yearFirst),
            AamvaDates.Parse(Value(elements, "DBD"), yearFirst),
            Sex(Value(elements, "DBC")),
            jurisdiction is { Length: 2 } && jurisdiction.All(char.IsAsciiLetterUpper) ? jurisdiction : null,
            country), null);
    }

    /// <summary>
    /// The DL (or ID) subfile: where the designator table says, if a subfile really starts there, else the first
    /// place after the header where the designator is followed by a data element id — offsets are often a few off.
    /// </summary>
    private static (string Type, string Text)? LicenceSubfile(string text, int afterHeader)
    {
        foreach (Match entry in Designator().Matches(text, afterHeader))
        {
            if (entry.Index > afterHeader + 200)
                break;
            var type = entry.Groups["type"].Value;
            var offset = int.Parse(entry.Groups["offset"].Value);
            if (offset + 5 <= text.Length && text.AsSpan(offset).StartsWith(type) && char.IsAsciiLetterUpper(text[offset + 2]))
                return (type, text[(offset + 2)..]);
        }

        var found = SubfileStart().Match(text, afterHeader);
        return found.Success ? (found.Groups["type"].Value, text[(found.Index + 2)..]) : null;
    }

    /// <summary>Elements split on LF, CR or RS alike; the first occurrence of an id wins, so a later subfile cannot override it.</summary>
    private static Dictionary<string, string> Elements(string body)
    {
        var elements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in body.Split(['\n', '\r', '\x1e'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.Length < 3 || raw.AsSpan(0, 3).ContainsAnyExceptInRange('A', 'Z'))
                continue;
            var value = raw[3..].Trim();
            elements.TryAdd(raw[..3], value);
        }

        return elements;
    }

    /// <summary>A present, non-blank value; "NONE" and "unavl" are how issuers say an optional name is absent.</summary>
    private static string? Value(Dictionary<string, string> elements, string id) =>
        elements.TryGetValue(id, out var value) && value.Length > 0
        && !value.Equals("NONE", StringComparison.OrdinalIgnoreCase) && !value.Equals("unavl", StringComparison.OrdinalIgnoreCase)
            ? value
            : null;

    /// <summary>
    /// Versions 4+ write DCS/DAC/DAD; 2–3 write DCS with all given names in DCT; version 1 writes DAB/DAC/DAD or the
    /// whole name in DAA as "LAST,FIRST,MIDDLE" (some issuers use '$' or spaces instead of commas).
    /// </summary>
    private static (string? Surname, string? Given) Names(Dictionary<string, string> elements)
    {
        var surname = Value(elements, "DCS") ?? Value(elements, "DAB");
        var given = Join(Value(elements, "DAC"), Value(elements, "DAD")) ?? Clean(Value(elements, "DCT"));
        if (surname is not null)
            return (Clean(surname), given);

        var full = Value(elements, "DAA");
        if (full is null)
            return (null, given);
        var parts = full.Split([',', '$'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            return (null, given);
        return (Clean(parts[0]), given ?? Clean(string.Join(' ', parts.Skip(1))));
    }

    private static string? Join(string? first, string? middle) =>
        first is null ? null : Clean(middle is null ? first : first + " " + middle);

    private static string? Clean(string? name)
    {
        if (name is null)
            return null;
        var cleaned = Spaces().Replace(name.Replace(',', ' ').Replace('$', ' '), " ").Trim();
        return cleaned.Length > 0 ? cleaned : null;
    }

    private static string? Sex(string? code) => code?.ToUpperInvariant() switch
    {
        "1" or "M" => "M",
        "2" or "F" => "F",
        "9" or "X" => "X",
        _ => null,
    };

    private static string Country(string? dcg, string issuer) => dcg?.ToUpperInvariant() switch
    {
        "USA" or "US" => "US",
        "CAN" or "CA" => "CA",
        _ => CanadianIssuers.Contains(issuer) ? "CA" : "US",
    };

    // "@", up to three separator bytes however mangled, the file type, issuer id and version.
    [GeneratedRegex(@"@[\s\x1e]{0,4}(?:ANSI ?|AAMVA)(?<iin>\d{6})(?<version>\d{2})")]
    private static partial Regex Header();

    [GeneratedRegex(@"(?<type>DL|ID)(?<offset>\d{4})(?<length>\d{4})")]
    private static partial Regex Designator();

    [GeneratedRegex(@"(?<type>DL|ID)(?=D[A-Z]{2})")]
    private static partial Regex SubfileStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
