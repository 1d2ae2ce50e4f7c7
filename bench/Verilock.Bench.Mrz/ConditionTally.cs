using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Bench.Mrz;

/// <summary>One image of the benchmark: which part of the set and condition it belongs to, and the document it shows.</summary>
internal sealed record BenchSample(string Part, string Condition, string Name, SampleDocument Document, byte[] Bytes);

/// <summary>What one read gave, in the three steps a reader can fail at: find a zone, make its check digits agree, get the fields right.</summary>
internal readonly record struct Verdict(bool Found, bool Valid, bool Exact);

/// <summary>
/// Counts, per condition, zones found (a zone was read and parsed, valid or not), reads fully valid (outcome
/// <see cref="DocumentReadOutcome.MrzRead"/>), and exact reads: valid, with the document number, birth date and
/// expiry date the document was rendered with.
/// </summary>
internal sealed class ConditionTally
{
    readonly Dictionary<(string Part, string Condition), (int Images, int Found, int Valid, int Exact)> counts = [];

    public Verdict Add(BenchSample sample, DocumentReadResult result)
    {
        var mrz = result.Mrz;
        var found = mrz is not null;
        var valid = result.Outcome == DocumentReadOutcome.MrzRead;
        var exact = valid && mrz!.DocumentNumber == sample.Document.DocumentNumber
                    && mrz.DateOfBirth == sample.Document.DateOfBirth && mrz.ExpiryDate == sample.Document.ExpiryDate;
        var key = (sample.Part, sample.Condition);
        var (images, f, v, e) = counts.GetValueOrDefault(key);
        counts[key] = (images + 1, f + (found ? 1 : 0), v + (valid ? 1 : 0), e + (exact ? 1 : 0));
        return new Verdict(found, valid, exact);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"{"part",-8} {"condition",-28} {"images",6} {"found",6} {"valid",6} {"exact",6}");
        foreach (var part in counts.Keys.Select(k => k.Part).Distinct())
        {
            var rows = counts.Where(c => c.Key.Part == part).ToArray();
            foreach (var ((_, condition), (images, found, valid, exact)) in rows)
                output.WriteLine($"{part,-8} {condition,-28} {images,6} {found,6} {valid,6} {exact,6}");
            var total = (rows.Sum(r => r.Value.Images), rows.Sum(r => r.Value.Found), rows.Sum(r => r.Value.Valid), rows.Sum(r => r.Value.Exact));
            output.WriteLine($"{part,-8} {"TOTAL",-28} {total.Item1,6} {total.Item2,6} {total.Item3,6} {total.Item4,6}   exact {100.0 * total.Item4 / total.Item1:F1} %");
        }
        var all = counts.Values.ToArray();
        output.WriteLine($"{"all",-8} {"TOTAL",-28} {all.Sum(a => a.Images),6} {all.Sum(a => a.Found),6} {all.Sum(a => a.Valid),6} {all.Sum(a => a.Exact),6}   exact {100.0 * all.Sum(a => a.Exact) / all.Sum(a => a.Images):F1} %");
    }
}
