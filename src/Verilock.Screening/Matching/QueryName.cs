namespace Verilock.Screening.Matching;

/// <summary>A screened name prepared for lookups: normalised tokens with their keys, and fused neighbouring pairs.</summary>
internal sealed class QueryName
{
    public QueryName(NormalizedName name)
    {
        Tokens = name.Tokens;
        FewVowels = name.FewVowels;
        TotalWeight = name.TotalWeight;
        var units = Tokens.Select(t => TokenKeys.Of(t.Text, !FewVowels)).ToList();
        for (var i = 0; i + 1 < Tokens.Length; i++)
            units.Add(TokenKeys.Of(Tokens[i].Text + Tokens[i + 1].Text, !FewVowels));
        Units = units.ToArray();
        var texts = Tokens.Select(t => t.Text).ToArray();
        TitleMask = TokenRoles.Titles(texts, leadingTitleOrName: true);
        InitialMask = TokenRoles.Initials(Tokens);
    }

    /// <summary>Positions of titles (see <see cref="TokenRoles.Titles"/>).</summary>
    public ulong TitleMask { get; }

    /// <summary>Positions of single-letter initials (see <see cref="TokenRoles.IsInitial"/>).</summary>
    public ulong InitialMask { get; }

    public bool IsTitle(int token) => (TitleMask & (1UL << token)) != 0;

    public bool IsInitial(int token) => (InitialMask & (1UL << token)) != 0;

    public NameToken[] Tokens { get; }
    public bool FewVowels { get; }
    public float TotalWeight { get; }

    /// <summary>The tokens, then each pair (i, i+1) run together.</summary>
    public TokenKeys[] Units { get; }
}
