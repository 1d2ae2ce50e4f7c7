using Verilock.Screening.Model;

namespace Verilock.Screening.Tests;

/// <summary>
/// A name typed with its script's own marks (the Ukrainian apostrophe, Hebrew points, harakat, tatweel,
/// joiners) finds the listed name written without them, and its romanisations, as well as the plain one does.
/// </summary>
public class OrthographyMatchingTests
{
    private static readonly ScreeningIndex Index = ScreeningIndex.Build(
    [
        new SanctionsList(
            new ListMetadata("t", "t", "sanctions", "test", "https://example.test", "2026-01-01", null, 8, DateTimeOffset.UnixEpoch),
            [
                Person("1", "Лукьян ШЕВЧЕНКО"),
                Person("2", "Lukian SHEVCHENKO"),
                Person("3", "Lukyan SHEVCHENKO"),
                Person("4", "محمد حسن"),
                Person("5", "שלמה כהן"),
                Person("6", "علیرضا کریمی"),
                Person("7", "शर्मा राजेश"),
                Person("8", "Ivan PETROV"),
            ]),
    ]);

    [Theory]
    [InlineData("Лукʼян Шевченко")]
    [InlineData("Лук’ян Шевченко")]
    [InlineData("Лук'ян Шевченко")]
    [InlineData("Lukʼyan Shevchenko")]
    public void A_ukrainian_apostrophe_finds_the_listed_name_and_its_romanisations(string query)
    {
        var found = Index.Screen(new ScreeningQuery(FullName: query)).Matches.Select(m => m.EntityId).ToList();

        Assert.Contains("t:1", found);
        Assert.Contains("t:2", found);
        Assert.Contains("t:3", found);
    }

    [Theory]
    [InlineData("مُحَمَّد حَسَن", "t:4")] // harakat
    [InlineData("محمـــد حســن", "t:4")] // tatweel
    [InlineData("שְׁלֹמֹה כֹּהֵן", "t:5")] // Hebrew points
    [InlineData("علی‌رضا کریمی", "t:6")] // zero-width non-joiner
    [InlineData("श\u200Dर्मा राजेश", "t:7")] // zero-width joiner
    [InlineData("Ива\u0301н Петро\u0301в", "t:8")] // Cyrillic stress marks, against a romanised listing
    public void Marks_do_not_lower_the_score_against_the_name_written_without_them(string query, string entityId)
    {
        var match = Assert.Single(Index.Screen(new ScreeningQuery(FullName: query)).Matches, m => m.EntityId == entityId);

        Assert.Equal(1.0, match.Score);
    }

    private static SanctionsEntity Person(string id, string name) => new()
    {
        EntityId = $"t:{id}",
        ListId = "t",
        Schema = EntitySchema.Person,
        PrimaryName = name,
        Programs = ["TEST"],
    };
}
