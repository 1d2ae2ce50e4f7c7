namespace Verilock.Screening.Matching;

/// <summary>
/// Which tokens of a name are titles or initials, as bit masks by position, for the alignment's
/// special passes (see <see cref="NameAlignment"/>).
/// </summary>
internal static class TokenRoles
{
    /// <summary>
    /// Titles and honorifics ("Sheikh", "Mrs", "Haji"), with a particle that leads one ("al" of
    /// "Al-Haj"): a title says how someone is addressed, not who they are, so when the other name
    /// lacks it, it should neither count for nor against the match.
    /// </summary>
    /// <param name="leadingTitleOrName">Take a leading <see cref="NameWords.TitlesOrNames"/> word followed by two words or more for a title (queries only).</param>
    public static ulong Titles(IReadOnlyList<string> tokens, bool leadingTitleOrName = false)
    {
        var mask = leadingTitleOrName && tokens.Count >= 3 && NameWords.TitlesOrNames.Contains(tokens[0]) ? 1UL : 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!NameWords.IsHonorific(tokens[i]))
                continue;
            mask |= 1UL << i;
            if (i > 0 && NameWords.Particles.Contains(tokens[i - 1]))
                mask |= 1UL << (i - 1);
        }
        return mask;
    }

    /// <summary>A single letter standing for a word ("M" of "M Amer Al Marrani"); "y" is the Spanish "and", not an initial.</summary>
    public static bool IsInitial(string token) => token.Length == 1 && char.IsAsciiLetter(token[0]) && !NameWords.Particles.Contains(token);

    /// <summary>
    /// "y" first or last in a name of several words is an initial ("Y. Umpara Moklis" for Yunos; "Moklis Y" swapped):
    /// as the Spanish "and" it only ever stands between two names.
    /// </summary>
    public static bool IsEdgeInitial(string token, int position, int count) =>
        token == "y" && count >= 2 && (position == 0 || position == count - 1);

    public static ulong Initials(IReadOnlyList<NameToken> tokens)
    {
        ulong mask = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            if (!tokens[i].Hyphenated && (IsInitial(text) || IsEdgeInitial(text, i, tokens.Count)))
                mask |= 1UL << i;
        }
        return mask;
    }
}
