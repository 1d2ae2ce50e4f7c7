namespace Verilock.Screening.Matching;

/// <summary>One word of a normalised name and how much it counts when names are compared.</summary>
/// <param name="FewVowels">Romanised from a script that writes few vowels: a vowel it lacks may just be unwritten.</param>
/// <param name="Hyphenated">Joined to a neighbouring word by a hyphen: a single letter so joined is a piece of a word ("J-NAN"), not an initial.</param>
internal readonly record struct NameToken(string Text, float Weight, bool FewVowels, bool Hyphenated = false);

/// <summary>A name reduced to lower-case ASCII tokens (see <see cref="NameNormalizer"/>).</summary>
/// <param name="FewVowels">Written in a script whose romanisation lacks most vowels (Arabic, Hebrew, Indic).</param>
internal sealed record NormalizedName(NameToken[] Tokens, bool FewVowels)
{
    public static readonly NormalizedName Empty = new([], false);

    public float TotalWeight { get; } = Tokens.Sum(t => t.Weight);

    public override string ToString() => string.Join(' ', Tokens.Select(t => t.Text));
}
