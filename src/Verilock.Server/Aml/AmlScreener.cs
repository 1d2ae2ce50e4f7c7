using Microsoft.Extensions.Options;
using Verilock.Domain.Aml;
using Verilock.Screening;

namespace Verilock.Server.Aml;

/// <summary>
/// Runs one screening for a mode: live keys search the loaded lists, test keys get the simulated,
/// deterministic outcome of spec §2.2 from the synthetic <c>sandbox</c> list. Shared by the API, the
/// session step and monitoring so the three screen alike.
/// </summary>
public sealed class AmlScreener(ScreeningIndexHolder holder, IOptions<AmlOptions> options)
{
    public double DefaultThreshold => options.Value.Threshold;

    /// <summary>The list ids a caller of this mode may name: the loaded lists, plus <c>sandbox</c> in test mode.</summary>
    public IReadOnlyList<string> KnownLists(bool liveMode)
    {
        var loaded = holder.Current?.Lists.Select(l => l.Id) ?? [];
        return liveMode ? loaded.ToList() : [.. loaded, SandboxList.Id];
    }

    /// <summary>The lists searched when the caller names none.</summary>
    public IReadOnlyList<string> DefaultLists(bool liveMode) =>
        liveMode ? KnownLists(liveMode) : [SandboxList.Id];

    /// <summary>A list's type (spec §11.5): <c>sanctions</c> or <c>pep</c>; the sandbox list is a sanctions list.</summary>
    public string ListType(string listId) => holder.Current?.Find(listId)?.List.Metadata.Type ?? "sanctions";

    /// <summary>Whether screenings of this mode can run now (live ones need a loaded list).</summary>
    public bool IsAvailable(bool liveMode) => !liveMode || holder.IsReady;

    /// <summary>Screens <paramref name="query"/>; null when live lists are not loaded yet.</summary>
    public IReadOnlyList<AmlMatch>? Screen(AmlQuery query, IReadOnlyList<string> lists, double threshold, bool liveMode)
    {
        IReadOnlyList<AmlMatch> matches;
        if (!liveMode)
            matches = SandboxList.Screen(query, threshold);
        else if (holder.Current is { } set)
            matches = Screen(set, query, lists, threshold);
        else
            return null;
        Operations.ServerMetrics.Screened(liveMode, matches.Count > 0);
        return matches;
    }

    /// <summary>Screens against one particular set of lists (monitoring pins the set it was started for).</summary>
    public static IReadOnlyList<AmlMatch> Screen(AmlListSet set, AmlQuery query, IReadOnlyList<string> lists, double threshold)
    {
        var loaded = lists.Where(id => set.Find(id) is not null).ToList();
        if (loaded.Count == 0)
            return [];
        var result = set.Index.Screen(ToLibrary(query, loaded, threshold));
        return result.Matches.Select(ToAml).ToList();
    }

    public static AmlMatch ToAml(ScreeningMatch m) =>
        new(m.EntityId, m.List, m.Name, m.MatchedName, m.Score, m.Schema, m.Programs, m.DateOfBirth, m.Nationality, m.Reasons, m.Aka);

    public static ScreeningQuery ToLibrary(AmlQuery query, IReadOnlyList<string>? lists, double? threshold) =>
        new(query.FullName, query.FirstName, query.LastName, query.DateOfBirth, query.Nationality, lists, threshold);
}

/// <summary>
/// The synthetic list of test mode (spec §2.2): the family name <c>SANCTIONED</c> (any case) matches one
/// sandbox entity at 0.95, everything else is clear. Nothing else is searched with test keys.
/// </summary>
public static class SandboxList
{
    public const string Id = "sandbox";
    public const string ScenarioName = "SANCTIONED";
    public const double MatchScore = 0.95;
    public const string EntityId = "sandbox:SBX-0001";

    public static IReadOnlyList<AmlMatch> Screen(AmlQuery query, double threshold)
    {
        if (!string.Equals(query.FamilyName, ScenarioName, StringComparison.OrdinalIgnoreCase) || MatchScore < threshold)
            return [];
        var reasons = new List<string> { "name" };
        if (query.DateOfBirth is not null)
            reasons.Add("dob");
        if (query.Nationality is not null)
            reasons.Add("nationality");
        var name = query.ScreenedName;
        return [new AmlMatch(EntityId, Id, name.ToUpperInvariant(), name, MatchScore, "person", ["SANDBOX"], query.DateOfBirth, query.Nationality, reasons, [])];
    }

    /// <summary>How <c>GET /aml/lists</c> describes it to test keys.</summary>
    public static AmlListResponse Describe(DateTime loadedAt) =>
        new(Id, "Verilock sandbox list", "sanctions", "Verilock (simulated, test mode only)", null, "1", null, 1, loadedAt);
}
