namespace Verilock.Screening;

/// <summary>The outcome of one screening: matches at or above the threshold, best first (at most 20).</summary>
/// <param name="Lists">The list ids that were searched.</param>
public sealed record ScreeningResult(IReadOnlyList<ScreeningMatch> Matches, IReadOnlyList<string> Lists, double Threshold)
{
    /// <summary>The best match's score, 0 when nothing matched.</summary>
    public double HighestScore => Matches.Count == 0 ? 0 : Matches[0].Score;
}

/// <summary>One matched list entry (spec §11.1 match object).</summary>
/// <param name="Name">The entry's primary name.</param>
/// <param name="MatchedName">The name or alias that scored.</param>
/// <param name="Score">0..1, rounded to two decimals.</param>
/// <param name="Schema"><c>person</c>, <c>organization</c>, <c>vessel</c> or <c>aircraft</c>.</param>
/// <param name="DateOfBirth">The birth date that matched, else the first listed, else null (<c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>).</param>
/// <param name="Nationality">The nationality that matched, else the first listed, else null (alpha-2).</param>
/// <param name="Reasons">What agreed: a subset of <c>name</c>, <c>dob</c>, <c>nationality</c>.</param>
/// <param name="Aka">The entry's other names as the publisher lists them, at most <see cref="MaxAka"/> (spec §16 <c>details.aka</c>).</param>
public sealed record ScreeningMatch(
    string EntityId,
    string List,
    string Name,
    string MatchedName,
    double Score,
    string Schema,
    IReadOnlyList<string> Programs,
    string? DateOfBirth,
    string? Nationality,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Aka)
{
    /// <summary>Bounds what a match stores: a few OFAC entries list well over a hundred spellings.</summary>
    public const int MaxAka = 50;
}
