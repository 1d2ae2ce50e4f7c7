using AnyAscii;
using Verilock.Screening.Model;

namespace Verilock.Screening.Evaluation;

/// <summary>A positive row with the list entries it stands for (found when any of them is among the hits).</summary>
public sealed record LabelledPositive(EvalPerson Person, IReadOnlySet<string> EntityIds)
{
    /// <summary>
    /// Labels positives by exact name: an entry counts when one of its names has the same words as
    /// the row (case, punctuation and order aside). Rows matching no entry (delisted since the eval
    /// set was made) are returned as skipped.
    /// </summary>
    public static (IReadOnlyList<LabelledPositive> Labelled, IReadOnlyList<EvalPerson> Skipped) Label(
        IReadOnlyList<EvalPerson> positives, IEnumerable<SanctionsEntity> entries)
    {
        var byName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var name in entry.AllNames)
            {
                var key = Key(name.Value);
                (byName.TryGetValue(key, out var ids) ? ids : byName[key] = []).Add(entry.EntityId);
            }
        }
        var labelled = new List<LabelledPositive>();
        var skipped = new List<EvalPerson>();
        foreach (var person in positives)
        {
            if (byName.TryGetValue(Key(person.FullName), out var ids))
                labelled.Add(new LabelledPositive(person, ids));
            else
                skipped.Add(person);
        }
        return (labelled, skipped);
    }

    private static string Key(string name)
    {
        var words = new string(name.Transliterate().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Array.Sort(words, StringComparer.Ordinal);
        return string.Join(' ', words);
    }
}
