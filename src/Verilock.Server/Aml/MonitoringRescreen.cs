using Verilock.Domain.Aml;
using Verilock.Infrastructure.Aml;

namespace Verilock.Server.Aml;

/// <summary>What re-screening one monitored item gave: its matches now, whether they differ from the previous ones, and whether it was screened whole.</summary>
internal readonly record struct Rescreened(IReadOnlyList<AmlMatch> Matches, bool Changed, bool Whole);

/// <summary>Re-screens one monitored item for a run, through the delta from the lists it was last screened against when it can.</summary>
internal static class MonitoringRescreen
{
    /// <param name="basisKey">The basis its <paramref name="previous"/> matches were found against, if known.</param>
    public static Rescreened Run(
        MonitoringBasis basis, string? basisKey, AmlQuery query, IReadOnlyList<string> lists, double threshold, IReadOnlyList<AmlMatch> previous)
    {
        IReadOnlyList<AmlMatch>? matches = null;
        if (basis.DeltaFrom(basisKey) is { } delta)
        {
            // The lists the item names that are loaded now, as AmlScreener.Screen takes them; entities of a list loaded
            // then but not now count as removed in the delta, those of a list loaded since as added.
            var loaded = lists.Where(id => basis.Set.Find(id) is not null).ToList();
            matches = loaded.Count == 0
                ? []
                : delta.Rescreen(AmlScreener.ToLibrary(query, loaded, threshold), previous, m => m.EntityId, m => m.Score, AmlScreener.ToAml);
        }
        var whole = matches is null;
        matches ??= AmlScreener.Screen(basis.Set, query, lists, threshold);
        return new Rescreened(matches, !ReferenceEquals(matches, previous) && !Same(matches, previous), whole);
    }

    /// <summary>Whether two match lists say the same, field by field and in the same order (a missing aka is an empty one).</summary>
    public static bool Same(IReadOnlyList<AmlMatch> a, IReadOnlyList<AmlMatch> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            var (x, y) = (a[i], b[i]);
            if (x.EntityId != y.EntityId || x.List != y.List || x.Name != y.Name || x.MatchedName != y.MatchedName
                || !x.Score.Equals(y.Score) || x.Schema != y.Schema || x.DateOfBirth != y.DateOfBirth || x.Nationality != y.Nationality
                || !x.Programs.SequenceEqual(y.Programs) || !x.Reasons.SequenceEqual(y.Reasons)
                || !(x.Aka ?? []).SequenceEqual(y.Aka ?? []))
                return false;
        }
        return true;
    }
}
