namespace Verilock.Screening.Evaluation;

/// <summary>Recall on labelled positives and false-positive rate on negatives, at the query's threshold.</summary>
public sealed record QualityReport(int Positives, int Found, int Negatives, int FalsePositives)
{
    public double Recall => Positives == 0 ? 1 : (double)Found / Positives;
    public double FalsePositiveRate => Negatives == 0 ? 0 : (double)FalsePositives / Negatives;
}

/// <summary>Runs labelled people through an index.</summary>
public static class QualityEvaluation
{
    /// <param name="withFacts">Screen with date of birth and nationality (as the eval rows give them) or the name alone.</param>
    public static (int Found, List<LabelledPositive> Missed) Recall(ScreeningIndex index, IEnumerable<LabelledPositive> positives, bool withFacts = true)
    {
        var found = 0;
        var missed = new List<LabelledPositive>();
        foreach (var positive in positives)
        {
            var result = index.Screen(positive.Person.ToQuery(withFacts));
            if (result.Matches.Any(m => positive.EntityIds.Contains(m.EntityId)))
                found++;
            else
                missed.Add(positive);
        }
        return (found, missed);
    }

    public static List<(EvalPerson Person, ScreeningMatch Hit)> FalsePositives(ScreeningIndex index, IEnumerable<EvalPerson> negatives, bool withFacts = true) =>
        negatives
            .Select(person => (person, result: index.Screen(person.ToQuery(withFacts))))
            .Where(r => r.result.Matches.Count > 0)
            .Select(r => (r.person, r.result.Matches[0]))
            .ToList();

    /// <summary>Every variant of every positive, labelled like its source row.</summary>
    /// <param name="seed">Draws other variants (see <see cref="VariantGenerator.SeedVariable"/>); null takes the environment's, else 0.</param>
    public static List<(string Kind, LabelledPositive Positive)> Variants(IEnumerable<LabelledPositive> positives, int? seed = null) =>
        positives
            .SelectMany(p => VariantGenerator.Generate(p.Person, seed ?? VariantGenerator.DefaultSeed).Select(v => (v.Kind, new LabelledPositive(v.Variant, p.EntityIds))))
            .ToList();
}
