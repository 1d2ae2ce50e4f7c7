namespace Verilock.Screening.Matching;

/// <summary>
/// One name of one entity as the index holds it: vocabulary ids of its tokens and of each pair of
/// neighbouring tokens run together ("abd al" → "abdal", "jin ping" → "jinping"), with the tokens' weights.
/// </summary>
internal sealed class IndexedName
{
    public required int EntityIndex { get; init; }
    public required string Display { get; init; }
    public required bool IsWeak { get; init; }
    public required int[] TokenIds { get; init; }
    public required int[] FusedIds { get; init; }
    public required float[] Weights { get; init; }
    public required float TotalWeight { get; init; }

    /// <summary>Positions of titles (see <see cref="TokenRoles.Titles"/>).</summary>
    public required ulong TitleMask { get; init; }

    /// <summary>Positions of single-letter initials (see <see cref="TokenRoles.IsInitial"/>).</summary>
    public required ulong InitialMask { get; init; }

    /// <summary>The first letter of each token, for a query's initials.</summary>
    public required string FirstLetters { get; init; }

    /// <summary>Tokens that carry a full weight (not particles, legal forms or initials).</summary>
    public required int StrongTokenCount { get; init; }
}
