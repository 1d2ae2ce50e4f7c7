using System.Text.Json;
using Verilock.Screening.Evaluation;
using Verilock.Screening.Model;

namespace Verilock.Screening.Tests;

/// <summary>
/// Delta re-screening (monitoring): a query's result on a new version of the lists, from its result on the old one
/// and a screening of only the entries that changed, must be exactly the result of screening it whole.
/// </summary>
public class ScreeningDeltaTests
{
    [Fact]
    public void A_real_list_change_gives_the_same_matches_through_the_delta_as_screened_whole()
    {
        var data = RealLists.DataDirectory;
        var un = RealLists.Un;
        var ofac = RealLists.Ofac;
        var random = new Random(20261207);
        var (newUn, invented) = NewVersion(un, random);
        var before = ScreeningIndex.Build([un, ofac]);
        var after = ScreeningIndex.Build([newUn, ofac]);
        var delta = ScreeningDelta.Between(before.BasisFingerprints(), after);
        Assert.InRange(delta.Changed.Count, 100, 400);

        var queries = Customers(data, un, invented, random).ToList();
        int viaDelta = 0, unchanged = 0, whole = 0, found = 0;
        foreach (var query in queries)
        {
            var previous = before.Screen(query).Matches;
            var expected = after.Screen(query).Matches;
            var rescreened = delta.Rescreen(query, previous, m => m.EntityId, m => m.Score, m => m);
            if (rescreened is null)
            {
                whole++;
                continue;
            }
            if (ReferenceEquals(rescreened, previous))
                unchanged++;
            else
                viaDelta++;
            if (expected.Count > 0)
                found++;
            Assert.True(Json(expected) == Json(rescreened), $"{query}: expected {Json(expected)}, got {Json(rescreened)}");
        }
        // Nearly every customer goes through the delta, many of them matching something, many of the changes among them.
        Assert.True(whole < queries.Count / 20, $"{whole} of {queries.Count} screened whole");
        Assert.True(viaDelta > 200, $"only {viaDelta} changed through the delta");
        Assert.True(found > 500, $"only {found} matched");
        Assert.True(unchanged > queries.Count / 2, $"only {unchanged} unchanged");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var query in queries)
            after.Screen(query);
        var wholeTime = watch.Elapsed;
        watch.Restart();
        foreach (var query in queries)
            delta.Rescreen(query, [], m => m.EntityId, m => m.Score, m => m);
        TestContext.Current.TestOutputHelper?.WriteLine($"screened whole in {wholeTime.TotalMilliseconds:F0} ms, through the delta in {watch.Elapsed.TotalMilliseconds:F0} ms");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{queries.Count} customers, {delta.Changed.Count} entities changed ({ofac.Entities.Count(e => delta.Changed.Contains(e.EntityId))} untouched OFAC entries among them): {viaDelta} changed through the delta, {unchanged} unchanged, {whole} screened whole, {found} matching");
    }

    [Fact]
    public void The_same_lists_give_an_empty_delta_and_every_result_stands()
    {
        var again = ScreeningIndex.Build([RealLists.Un, RealLists.Ofac]);
        var delta = ScreeningDelta.Between(RealLists.Index.BasisFingerprints(), again);
        Assert.True(delta.IsEmpty);
        IReadOnlyList<ScreeningMatch> previous = RealLists.Index.Screen(new ScreeningQuery(FullName: "Abdulhai Salek")).Matches;
        Assert.Same(previous, delta.Rescreen(new ScreeningQuery(FullName: "Abdulhai Salek"), previous, m => m.EntityId, m => m.Score, m => m));
    }

    [Fact]
    public void A_result_cut_at_the_most_matches_or_a_query_of_initials_is_screened_whole()
    {
        var list = new SanctionsList(Metadata("t"), Enumerable.Range(1, 25).Select(i => Person("t", i.ToString(), "Omar Farouk AL-EXAMPLE")).ToList());
        var changed = list with { Entities = [.. list.Entities.Skip(1), Person("t", "99", "Omar Farouk AL-EXAMPLE")] };
        var before = ScreeningIndex.Build([list]);
        var delta = ScreeningDelta.Between(before.BasisFingerprints(), ScreeningIndex.Build([changed]));
        var query = new ScreeningQuery(FullName: "Omar Farouk Al-Example");
        var previous = before.Screen(query).Matches;
        Assert.Equal(ScreeningQuery.MaxMatches, previous.Count);
        Assert.Null(delta.Rescreen(query, previous, m => m.EntityId, m => m.Score, m => m));
        Assert.Null(delta.Rescreen(new ScreeningQuery(FullName: "O F"), [], m => m.EntityId, m => m.Score, m => m));
    }

    [Fact]
    public void A_query_spelling_a_word_only_one_version_lists_is_screened_whole()
    {
        // "Sytlvastre" is two edits from "Sylvestre": looked up so while no list spells it, not once one does.
        var list = new SanctionsList(Metadata("t"), [Person("t", "1", "Sylvestre MUDACUMURA"), Person("t", "2", "Germain KATANGA")]);
        var added = list with { Entities = [.. list.Entities, Person("t", "3", "Sytlvastre NDAYISHIMIYE")] };
        var before = ScreeningIndex.Build([list]);
        var after = ScreeningIndex.Build([added]);
        var spelling = new ScreeningQuery(FullName: "SYTLVASTRE MUDACUMURA");
        var other = new ScreeningQuery(FullName: "Germain Katanga");

        foreach (var (from, to) in new[] { (before, after), (after, before) })
        {
            var delta = ScreeningDelta.Between(from.BasisFingerprints(), to);
            Assert.Null(delta.Rescreen(spelling, from.Screen(spelling).Matches, m => m.EntityId, m => m.Score, m => m));
            var kept = delta.Rescreen(other, from.Screen(other).Matches, m => m.EntityId, m => m.Score, m => m);
            Assert.Equal(["t:2"], kept!.Select(m => m.EntityId));
        }
    }

    /// <summary>
    /// The new UN version: about 50 entries removed, 50 changed (a name spelt otherwise, an alias or a birth date more),
    /// and 100 invented people added, some with the names of real entries' aliases run together or split.
    /// </summary>
    private static (SanctionsList List, IReadOnlyList<SanctionsEntity> Invented) NewVersion(SanctionsList un, Random random)
    {
        var entities = un.Entities.ToList();
        for (var i = 0; i < 50; i++)
            entities.RemoveAt(random.Next(entities.Count));
        for (var i = 0; i < 50; i++)
        {
            var at = random.Next(entities.Count);
            var entity = entities[at];
            entities[at] = (i % 3) switch
            {
                0 => entity with { PrimaryName = Typo(entity.PrimaryName, random) },
                1 => entity with { Aliases = [.. entity.Aliases, new EntityName(Typo(entity.PrimaryName, random), AliasQuality.Strong)] },
                _ => entity with { BirthDates = [.. entity.BirthDates, BirthDate.OfYear(1950 + random.Next(40))] },
            };
        }
        var invented = new List<SanctionsEntity>();
        var names = un.Entities.SelectMany(e => e.AllNames).Select(n => n.Value).Where(n => n.Contains(' ')).ToList();
        for (var i = 0; i < 100; i++)
        {
            var source = names[random.Next(names.Count)];
            var words = source.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = (i % 4) switch
            {
                0 => string.Concat(words.Take(2)) + " " + string.Join(' ', words.Skip(2)),
                1 => Typo(source, random),
                2 => $"{Invented(random)} {words[^1]}",
                _ => $"{Invented(random)} {Invented(random)}",
            };
            invented.Add(new SanctionsEntity
            {
                EntityId = $"{un.Metadata.Id}:NEW{i:D3}", ListId = un.Metadata.Id, Schema = i % 10 == 9 ? EntitySchema.Organization : EntitySchema.Person,
                PrimaryName = name.Trim(), BirthDates = i % 2 == 0 ? [BirthDate.OfYear(1950 + random.Next(40))] : [],
                Nationalities = i % 3 == 0 ? ["AF"] : [], Programs = ["TEST"],
            });
        }
        entities.InsertRange(random.Next(entities.Count), invented.Take(50));
        entities.AddRange(invented.Skip(50));
        return (un with { Entities = entities }, invented);
    }

    /// <summary>
    /// Customers as monitoring sees them: synthetic people, UN positives and their variants (typos, initials, joined
    /// names…), the invented and changed people, with and without birth date and nationality, at several thresholds,
    /// some against one list only.
    /// </summary>
    private static IEnumerable<ScreeningQuery> Customers(string data, SanctionsList un, IReadOnlyList<SanctionsEntity> invented, Random random)
    {
        var people = EvalPerson.Read(SharedData.EvalFile(data, "negatives_global_1k.csv")).Take(600)
            .Concat(EvalPerson.Read(SharedData.EvalFile(data, "negatives_us_1k.csv")).Take(400))
            .ToList();
        var positives = EvalPerson.Read(SharedData.EvalFile(data, "positives_un.csv"));
        people.AddRange(positives);
        people.AddRange(positives.Take(200).SelectMany(p => VariantGenerator.Generate(p, 7).Select(v => v.Variant)));
        people.AddRange(invented.Select(e => new EvalPerson(e.PrimaryName, (e.BirthDates.Count > 0 ? e.BirthDates[0].ToString() : null), null)));
        people.AddRange(invented.Select(e => new EvalPerson(Typo(e.PrimaryName, random), null, "AF")));
        people.AddRange(un.Entities.Take(300).Select(e => new EvalPerson(e.PrimaryName, null, null)));
        double[] thresholds = [0.5, 0.7, 0.8, 0.8, 0.85, 0.9];
        foreach (var person in people)
        {
            var threshold = thresholds[random.Next(thresholds.Length)];
            IReadOnlyList<string>? lists = random.Next(5) == 0 ? ["un_sc"] : null;
            yield return random.Next(3) switch
            {
                0 => person.ToQuery(withFacts: true) with { Threshold = threshold, Lists = lists },
                1 => person.ToQuery(withFacts: false) with { Threshold = threshold, Lists = lists },
                _ => new ScreeningQuery(FirstName: person.FullName.Split(' ')[0], LastName: person.FullName.Split(' ')[^1],
                    DateOfBirth: person.DateOfBirth, Threshold: threshold, Lists: lists),
            };
        }
    }

    private static string Typo(string name, Random random)
    {
        var at = random.Next(name.Length);
        return char.IsLetter(name[at]) ? name.Remove(at, 1).Insert(at, ((char)('a' + random.Next(26))).ToString()) : name + "a";
    }

    private static string Invented(Random random)
    {
        const string consonants = "bdfghklmnrstvz", vowels = "aeiou";
        var letters = Enumerable.Range(0, 3 + random.Next(3)).Select(i => i % 2 == 0 ? consonants[random.Next(consonants.Length)] : vowels[random.Next(vowels.Length)]);
        var word = string.Concat(letters);
        return char.ToUpperInvariant(word[0]) + word[1..];
    }

    private static string Json(IReadOnlyList<ScreeningMatch> matches) => JsonSerializer.Serialize(matches);

    private static ListMetadata Metadata(string id) => new(id, id, "sanctions", "test", "https://example.test", "1", null, 0, DateTimeOffset.UnixEpoch);

    private static SanctionsEntity Person(string list, string id, string name) =>
        new() { EntityId = $"{list}:{id}", ListId = list, Schema = EntitySchema.Person, PrimaryName = name };
}
