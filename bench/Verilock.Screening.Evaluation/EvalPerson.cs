using Verilock.Screening.Lists;

namespace Verilock.Screening.Evaluation;

/// <summary>One labelled row of <c>aml-eval/*.csv</c> (columns full_name, first_name, middle_name, last_name, gender, date_of_birth, place_of_birth, nationality).</summary>
/// <param name="Nationality">ISO alpha-2 (the positives give codes, the negatives country names), or null.</param>
public sealed record EvalPerson(string FullName, string? DateOfBirth, string? Nationality)
{
    public static IReadOnlyList<EvalPerson> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = SplitCsvLine(lines[0]);
        int name = Array.IndexOf(header, "full_name"), dob = Array.IndexOf(header, "date_of_birth"), nat = Array.IndexOf(header, "nationality");
        return lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = SplitCsvLine(line);
            return new EvalPerson(f[name], Blank(f[dob]), ToCode(Blank(f[nat])));
        }).ToList();
    }

    public ScreeningQuery ToQuery(bool withFacts = true) => withFacts
        ? new ScreeningQuery(FullName: FullName, DateOfBirth: DateOfBirth, Nationality: Nationality)
        : new ScreeningQuery(FullName: FullName);

    private static string? ToCode(string? nationality) =>
        nationality is null ? null : nationality.Length == 2 ? nationality.ToUpperInvariant() : Countries.ToAlpha2(nationality);

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The eval files quote only fields holding commas; no field spans lines.</summary>
    private static string[] SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
