namespace Verilock.Screening.Matching;

/// <summary>
/// A vocabulary token and the flags that decide how it is keyed and compared. They are set over every name that holds
/// the token (a word seen alone anywhere is no longer a pair), so another entity's names can change them: that is why
/// an entity's fingerprint includes them (see <see cref="ScreeningIndex.EntityFingerprints"/>).
/// </summary>
internal readonly record struct TokenFlags(string Text, bool Fused, bool Pair, bool WritesVowels);
