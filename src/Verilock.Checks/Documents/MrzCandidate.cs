namespace Verilock.Checks.Documents;

/// <summary>
/// Two or three parallel, evenly spaced lines of equal length that may be a machine-readable zone, ordered
/// first line to last in their guessed reading direction. <see cref="Flipped"/> gives the same lines read
/// the other way up, for when the guess was wrong.
/// </summary>
internal sealed record MrzCandidate(IReadOnlyList<TextLineBox> Lines, double Score)
{
    public MrzCandidate Flipped() => this with { Lines = Lines.Reverse().Select(l => l.Reversed()).ToArray() };
}
