using Verilock.Screening.Evaluation;

namespace Verilock.Screening.Tests;

/// <summary>
/// Quality floors on the labelled set (UN + OFAC snapshots, default threshold, name + date of birth +
/// nationality as the rows give them, and false positives on the name alone). Floors sit a little under the measured values
/// (docs/aml-evaluation.md) so a regression fails CI; they are not timings.
/// </summary>
public class QualityFloorTests
{
    private static readonly Lazy<(IReadOnlyList<LabelledPositive> Labelled, IReadOnlyList<EvalPerson> Skipped)> Positives = new(() =>
        LabelledPositive.Label(EvalPerson.Read(SharedData.EvalFile(RealLists.DataDirectory, "positives_un.csv")), RealLists.Un.Entities));

    [Fact]
    public void Nearly_every_positive_is_in_the_snapshot()
    {
        var (labelled, skipped) = Positives.Value;

        Assert.True(labelled.Count >= 675, $"{labelled.Count} positives labelled, {skipped.Count} skipped");
    }

    [Fact]
    public void Recall_on_clean_positives_is_at_least_99_5_percent()
    {
        var positives = Positives.Value.Labelled;

        var (found, missed) = QualityEvaluation.Recall(RealLists.Index, positives);

        Assert.True(found >= 0.995 * positives.Count, $"recall {found}/{positives.Count}; missed: {Names(missed)}");
    }

    [Fact]
    public void Recall_on_generated_variants_is_at_least_95_5_percent()
    {
        // The five kinds this floor was set on; the kinds added since have floors of their own below.
        var variants = QualityEvaluation.Variants(Positives.Value.Labelled).Where(v => VariantGenerator.OriginalKinds.Contains(v.Kind)).ToList();

        var (found, missed) = QualityEvaluation.Recall(RealLists.Index, variants.Select(v => v.Positive));

        Assert.True(found >= 0.955 * variants.Count, $"recall {found}/{variants.Count}; missed: {Names(missed)}");
    }

    [Theory]
    [InlineData("typo", 0.97)]
    [InlineData("reordered", 0.99)]
    [InlineData("middle_dropped", 0.98)]
    [InlineData("cyrillic", 0.98)]
    [InlineData("arabic", 0.83)]
    // Kinds from the outside measurement's misses; floors sit under the lowest of seeds 0, 1 and 2 (docs/aml-evaluation.md).
    [InlineData("initial", 0.97)]
    [InlineData("joined", 0.99)]
    [InlineData("split", 0.99)]
    [InlineData("title", 0.99)]
    [InlineData("translit", 0.99)]
    [InlineData("translit+reorder", 0.99)]
    [InlineData("translit+typo", 0.92)] // raised 2026-12-07 (session 14: words two edits away are looked up)
    [InlineData("initial+typo", 0.95)]
    [InlineData("title+translit", 0.96)]
    [InlineData("joined+typo", 0.93)]
    // Added 2026-12-07 (two initials now lift a single word when every listed full word is accounted for).
    [InlineData("initials2", 0.87)]
    // Raised 2026-12-07 (session 13: one initial and one word that account for a two-word name match as a name).
    [InlineData("initial+swap", 0.97)]
    [InlineData("initial+typo+reorder", 0.95)]
    [InlineData("initial+translit+title", 0.95)]
    public void Recall_per_kind_of_variant(string kind, double floor)
    {
        var variants = QualityEvaluation.Variants(Positives.Value.Labelled).Where(v => v.Kind == kind).Select(v => v.Positive).ToList();
        Assert.True(variants.Count >= 400, $"{kind}: only {variants.Count} variants made");

        var (found, missed) = QualityEvaluation.Recall(RealLists.Index, variants);

        Assert.True(found >= floor * variants.Count, $"{kind}: recall {found}/{variants.Count}; missed: {Names(missed)}");
    }

    [Theory]
    [InlineData("initial", 0.97)]
    [InlineData("initial+typo", 0.91)]
    [InlineData("initials2", 0.86)]
    [InlineData("initial+swap", 0.97)]
    public void Recall_per_kind_of_variant_on_the_name_alone(string kind, double floor)
    {
        var variants = QualityEvaluation.Variants(Positives.Value.Labelled).Where(v => v.Kind == kind).Select(v => v.Positive).ToList();

        var (found, missed) = QualityEvaluation.Recall(RealLists.Index, variants, withFacts: false);

        Assert.True(found >= floor * variants.Count, $"{kind}: recall {found}/{variants.Count}; missed: {Names(missed)}");
    }

    /// <summary>
    /// The negatives with every given name cut to an initial ("J. R. Smith"): what initial-aware matching costs. An
    /// initial and a family name are a potential match with every listed two-word name they account for, so this rate is
    /// higher than on full names by design (2.7 % and 2.2 % measured; 3.6 % and 2.3 % before initials could carry a word).
    /// </summary>
    [Theory]
    [InlineData("negatives_global_1k.csv", 0.032)]
    [InlineData("negatives_us_1k.csv", 0.027)]
    public void False_positive_rate_on_initials_and_the_name_alone(string file, double ceiling)
    {
        var negatives = EvalPerson.Read(SharedData.EvalFile(RealLists.DataDirectory, file)).Select(VariantGenerator.Abbreviated).OfType<EvalPerson>().ToList();

        var hits = QualityEvaluation.FalsePositives(RealLists.Index, negatives, withFacts: false);

        Assert.True(hits.Count <= ceiling * negatives.Count, FalsePositives(hits));
    }

    [Theory]
    [InlineData("negatives_global_1k.csv")]
    [InlineData("negatives_us_1k.csv")]
    public void False_positive_rate_is_at_most_half_a_percent(string file)
    {
        var negatives = EvalPerson.Read(SharedData.EvalFile(RealLists.DataDirectory, file));

        var hits = QualityEvaluation.FalsePositives(RealLists.Index, negatives);

        Assert.True(hits.Count <= 0.005 * negatives.Count, FalsePositives(hits));
    }

    [Theory]
    [InlineData("negatives_global_1k.csv", 0.006)]
    [InlineData("negatives_us_1k.csv", 0.005)]
    public void False_positive_rate_on_the_name_alone(string file, double ceiling)
    {
        var negatives = EvalPerson.Read(SharedData.EvalFile(RealLists.DataDirectory, file));

        var hits = QualityEvaluation.FalsePositives(RealLists.Index, negatives, withFacts: false);

        Assert.True(hits.Count <= ceiling * negatives.Count, FalsePositives(hits));
    }

    [Fact]
    public void Screening_finds_a_listed_person_by_name_and_birth_date()
    {
        var result = RealLists.Index.Screen(new ScreeningQuery(FullName: "Eric Badege", DateOfBirth: "1971"));

        var match = Assert.Single(result.Matches, m => m.EntityId == "un_sc:6907993");
        Assert.Equal(1.0, match.Score);
        Assert.Equal(["name", "dob"], match.Reasons);
    }

    private static string Names(IEnumerable<LabelledPositive> missed) => string.Join("; ", missed.Select(m => m.Person.FullName));

    private static string FalsePositives(List<(EvalPerson Person, ScreeningMatch Hit)> hits) =>
        $"{hits.Count} false positives: {string.Join("; ", hits.Select(h => $"{h.Person.FullName} -> {h.Hit.MatchedName} {h.Hit.Score}"))}";
}
