using Verilock.Screening.Model;

namespace Verilock.Screening.Tests;

/// <summary>Scoring and result shape on a small hand-made index (spec §11.1).</summary>
public class ScreeningTests
{
    private static readonly ScreeningIndex Index = ScreeningIndex.Build(
    [
        List("test_a",
            Person("1", "John Michael DOE", ["1985-03-15", "1986"], ["US"]),
            Person("2", "Ivan PETROV", [], [], new EntityName("Vanya", AliasQuality.Weak)),
            Person("3", "Maria GARCIA LOPEZ", ["1970"], ["MX", "ES"]),
            new SanctionsEntity { EntityId = "test_a:4", ListId = "test_a", Schema = EntitySchema.Organization, PrimaryName = "Doe Trading LLC" }),
        List("test_b", Person("1", "Jon DOE", ["1940-01-01"], ["GB"])),
        List("test_many", Enumerable.Range(1, 30).Select(i => Person(i.ToString(), "Omar Farouk AL-EXAMPLE", [], [])).ToArray()),
    ]);

    [Fact]
    public void Exact_birth_date_adds_five_hundredths_and_is_a_reason()
    {
        var withoutDob = Single(new ScreeningQuery(FullName: "John Doe", Lists: ["test_a"]), "test_a:1");
        var withDob = Single(new ScreeningQuery(FullName: "John Doe", DateOfBirth: "1985-03-15", Lists: ["test_a"]), "test_a:1");

        Assert.Equal(Math.Min(1, withoutDob.Score + 0.05), withDob.Score, 2);
        Assert.Equal(["name", "dob"], withDob.Reasons);
        Assert.Equal("1985-03-15", withDob.DateOfBirth);
    }

    [Fact]
    public void Birth_years_more_than_one_apart_multiply_by_seven_tenths()
    {
        var name = Single(new ScreeningQuery(FullName: "Maria Garcia Lopez", Threshold: 0.5), "test_a:3");
        var oneApart = Single(new ScreeningQuery(FullName: "Maria Garcia Lopez", DateOfBirth: "1971", Threshold: 0.5), "test_a:3");
        var farApart = Single(new ScreeningQuery(FullName: "Maria Garcia Lopez", DateOfBirth: "1990-06-01", Threshold: 0.5), "test_a:3");

        Assert.Equal(1.0, name.Score);
        Assert.Equal(1.0, oneApart.Score);
        Assert.Equal(0.7, farApart.Score);
        Assert.Equal(["name"], farApart.Reasons);
        Assert.Equal("1970", farApart.DateOfBirth);
    }

    [Fact]
    public void Year_only_query_agrees_with_a_full_listed_date_without_bonus()
    {
        var match = Single(new ScreeningQuery(FullName: "John Michael Doe", DateOfBirth: "1985"), "test_a:1");

        Assert.Equal(1.0, match.Score);
        Assert.Equal(["name", "dob"], match.Reasons);
    }

    [Fact]
    public void Different_nationality_multiplies_by_nine_tenths_and_a_shared_one_is_a_reason()
    {
        var other = Single(new ScreeningQuery(FullName: "Maria Garcia Lopez", Nationality: "fr"), "test_a:3");
        var same = Single(new ScreeningQuery(FullName: "Maria Garcia Lopez", Nationality: "ES"), "test_a:3");

        Assert.Equal(0.9, other.Score);
        Assert.Equal("MX", other.Nationality);
        Assert.Equal(1.0, same.Score);
        Assert.Equal("ES", same.Nationality);
        Assert.Equal(["name", "nationality"], same.Reasons);
    }

    [Fact]
    public void Adjustments_combine_and_the_score_is_capped_at_one()
    {
        var capped = Single(new ScreeningQuery(FullName: "John Michael Doe", DateOfBirth: "1985-03-15", Nationality: "US"), "test_a:1");
        var both = Single(new ScreeningQuery(FullName: "Maria Garcia Lopez", DateOfBirth: "1950", Nationality: "FR", Threshold: 0.5), "test_a:3");

        Assert.Equal(1.0, capped.Score);
        Assert.Equal(["name", "dob", "nationality"], capped.Reasons);
        Assert.Equal(Math.Round(0.7 * 0.9, 2), both.Score);
    }

    [Fact]
    public void Word_order_case_and_accents_do_not_matter()
    {
        Assert.Equal(1.0, Single(new ScreeningQuery(FullName: "lópez, MARÍA garcía"), "test_a:3").Score);
    }

    [Fact]
    public void Match_carries_the_primary_and_the_matched_name()
    {
        var match = Single(new ScreeningQuery(FullName: "Vanya", Threshold: 0.5), "test_a:2");

        Assert.Equal("Ivan PETROV", match.Name);
        Assert.Equal("Vanya", match.MatchedName);
        Assert.Equal("person", match.Schema);
        Assert.True(match.Score < 1, "a weak alias alone does not score full");
    }

    [Fact]
    public void Person_queries_skip_organisations_and_bare_full_names_search_everything()
    {
        var fullName = Index.Screen(new ScreeningQuery(FullName: "Doe Trading", Threshold: 0.5));
        var lastName = Index.Screen(new ScreeningQuery(LastName: "Doe Trading", Threshold: 0.5));
        var withDob = Index.Screen(new ScreeningQuery(FullName: "Doe Trading", DateOfBirth: "1985", Threshold: 0.5));

        Assert.Contains(fullName.Matches, m => m.Schema == "organization");
        Assert.DoesNotContain(lastName.Matches, m => m.Schema == "organization");
        Assert.DoesNotContain(withDob.Matches, m => m.Schema == "organization");
    }

    [Fact]
    public void First_and_last_name_are_screened_together()
    {
        Assert.Contains(Index.Screen(new ScreeningQuery(FirstName: "John", LastName: "Doe")).Matches, m => m.EntityId == "test_a:1");
    }

    [Fact]
    public void Lists_filter_limits_the_search()
    {
        var onlyB = Index.Screen(new ScreeningQuery(FullName: "John Doe", Lists: ["test_b"]));

        Assert.All(onlyB.Matches, m => Assert.Equal("test_b", m.List));
        Assert.Equal(["test_b"], onlyB.Lists);
    }

    [Fact]
    public void At_most_twenty_matches_best_first()
    {
        var result = Index.Screen(new ScreeningQuery(FullName: "Omar Farouk al Example"));

        Assert.Equal(ScreeningQuery.MaxMatches, result.Matches.Count);
        Assert.Equal(result.Matches.OrderByDescending(m => m.Score).Select(m => m.Score), result.Matches.Select(m => m.Score));
        Assert.Equal(result.Matches[0].Score, result.HighestScore);
    }

    [Fact]
    public void Threshold_drops_weaker_matches()
    {
        var loose = Index.Screen(new ScreeningQuery(FullName: "John Doe", Threshold: 0.5));
        var strict = Index.Screen(new ScreeningQuery(FullName: "John Doe", Threshold: 1.0));

        Assert.All(loose.Matches, m => Assert.True(m.Score >= 0.5));
        Assert.All(strict.Matches, m => Assert.Equal(1.0, m.Score));
        Assert.True(loose.Matches.Count > strict.Matches.Count);
    }

    [Fact]
    public void Unrelated_name_is_clear()
    {
        var result = Index.Screen(new ScreeningQuery(FullName: "Wilhelmina Kowalczyk"));

        Assert.Empty(result.Matches);
        Assert.Equal(0, result.HighestScore);
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀😀😀")]
    [InlineData("x")]
    [InlineData("Иван Smith")]
    public void Unusable_names_screen_without_crashing(string name)
    {
        var result = Index.Screen(new ScreeningQuery(FullName: name, DateOfBirth: "not a date", Nationality: "??"));

        Assert.NotNull(result);
    }

    [Fact]
    public void Huge_name_screens_without_crashing()
    {
        Assert.NotNull(Index.Screen(new ScreeningQuery(FullName: new string('a', 10_000))));
        Assert.NotNull(Index.Screen(new ScreeningQuery(FullName: string.Join(' ', Enumerable.Repeat("john doe", 2_000)))));
    }

    [Fact]
    public void Index_describes_its_lists()
    {
        Assert.Equal(["test_a", "test_b", "test_many"], Index.Lists.Select(l => l.Id));
        Assert.Equal(35, Index.EntityCount);
        Assert.True(Index.HasList("test_b"));
        Assert.False(Index.HasList("eu_fsf"));
    }

    private static ScreeningMatch Single(ScreeningQuery query, string entityId) =>
        Assert.Single(Index.Screen(query).Matches, m => m.EntityId == entityId);

    private static SanctionsList List(string id, params SanctionsEntity[] entities) =>
        new(new ListMetadata(id, id, "sanctions", "test", "https://example.test", "2026-01-01", null, entities.Length, DateTimeOffset.UnixEpoch),
            entities.Select(e => e with { EntityId = $"{id}:{e.EntityId}", ListId = id }).ToList());

    private static SanctionsEntity Person(string id, string name, string[] dates, string[] nationalities, params EntityName[] aliases) => new()
    {
        EntityId = id,
        ListId = "",
        Schema = EntitySchema.Person,
        PrimaryName = name,
        Aliases = aliases,
        BirthDates = dates.Select(d => BirthDate.TryParseIso(d, out var date) ? date : throw new ArgumentException(d)).ToList(),
        Nationalities = nationalities,
        Programs = ["TEST"],
    };
}
