using System.Text;
using Verilock.Screening.Matching;

namespace Verilock.Screening.Tests;

/// <summary>Which characters vote for a script, and which are Unicode's Common or Inherited (no script).</summary>
public class ScriptsTests
{
    [Theory]
    [InlineData(0x02BC)] // modifier letter apostrophe (Ukrainian)
    [InlineData(0x02BB)] // ʻokina
    [InlineData(0x2019)] // right single quotation mark as an apostrophe
    [InlineData(0x0027)]
    [InlineData(0x200C)] // zero-width non-joiner
    [InlineData(0x200D)] // zero-width joiner
    [InlineData(0x0640)] // Arabic tatweel
    [InlineData(0x0301)] // combining acute: accents and the Cyrillic stress mark
    [InlineData(0x0306)] // combining breve
    [InlineData(0x064E)] // Arabic fatha
    [InlineData(0x0651)] // Arabic shadda
    [InlineData(0x30FB)] // katakana middle dot
    [InlineData(0x0020)]
    [InlineData(0x002D)]
    [InlineData(0x0037)]
    public void Common_and_inherited_characters_have_no_script(int codePoint)
    {
        Assert.Equal(Script.None, Scripts.Of(new Rune(codePoint)));
    }

    [Theory]
    [InlineData(0x0939, "Indic")] // Devanagari ha
    [InlineData(0x093E, "Indic")] // Devanagari vowel sign aa (a spacing mark)
    [InlineData(0x094D, "Indic")] // virama
    [InlineData(0x05B8, "Hebrew")] // qamats
    [InlineData(0x05E9, "Hebrew")]
    [InlineData(0x0645, "Arabic")]
    [InlineData(0x30FC, "EastAsian")] // prolonged sound mark: shared by the two kana only
    [InlineData(0x3072, "EastAsian")] // hiragana
    [InlineData(0x30D2, "EastAsian")] // katakana
    [InlineData(0xAE40, "EastAsian")] // Hangul
    [InlineData(0x2000B, "EastAsian")] // CJK Extension B
    [InlineData(0xA78C, "Latin")] // saltillo, a Latin letter used as a glottal stop
    [InlineData(0x0438, "Cyrillic")]
    [InlineData(0x03B9, "Greek")]
    public void Letters_and_a_scripts_own_marks_vote_for_their_script(int codePoint, string expected)
    {
        Assert.Equal(Enum.Parse<Script>(expected), Scripts.Of(new Rune(codePoint)));
    }

    [Fact]
    public void A_surrogate_pair_is_read_as_one_character()
    {
        Assert.Equal(Script.EastAsian, Scripts.Of("𠀋田", 0));
        Assert.Equal(Script.None, Scripts.Of("𠀋田", 1)); // the low half alone
    }
}
