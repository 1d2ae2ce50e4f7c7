namespace Verilock.Screening.Model;

/// <summary>
/// How much a publisher trusts an alias. Weak aliases (UN "Low", OFAC/UK "weak" a.k.a.s such as
/// nicknames) identify a person poorly on their own, so matches on them score a little lower.
/// </summary>
public enum AliasQuality
{
    Strong,
    Weak,
}

/// <summary>One name of a list entry as published (primary name or alias).</summary>
public sealed record EntityName(string Value, AliasQuality Quality);
