using Verilock.Screening.Matching;

namespace Verilock.Screening.Tests;

public class NameNormalizerTests
{
    [Theory]
    [InlineData("  José  MARÍA O'Brien-Núñez ", "jose maria obrien nunez")]
    [InlineData("Łódź Straße", "lodz strasse")]
    [InlineData("‘ABD AL-RAHMAN BIN ‘UMAYR AL-NU’AYMI", "abd al rahman bin umayr al nuaymi")]
    [InlineData("Мохаммед Али", "mokhammed ali")]
    [InlineData("Αλέξανδρος", "alexandros")]
    [InlineData("김정은", "gim jeong eun")]
    [InlineData("J.P. Morgan S.A.", "jp morgan sa")]
    [InlineData("GROUP 77", "group 77")]
    [InlineData("Abdulrahman Abdullah", "abdul rahman abdullah")]
    [InlineData("FITIWIABDELRAZAK", "fitiwi abdel razak")]
    [InlineData("Iqbalabdurrahman Mohamadabdullah", "iqbal abdur rahman mohamad abdullah")]
    [InlineData("ABDIKADIRMUHAMMAD Oyarmohamed", "abdikadir muhammad oyar mohamed")] // Muhammad run together, after or before
    [InlineData("Mohammadullah Mohamedou Mohammadi", "mohammadullah mohamedou mohammadi")] // one name each: too little beside it, or "-ullah"
    public void Folds_case_accents_punctuation_and_scripts(string raw, string expected)
    {
        Assert.Equal(expected, NameNormalizer.Normalize(raw).ToString());
    }

    [Theory]
    [InlineData("Лукʼян", "Лукьян")] // Ukrainian apostrophe U+02BC for the Russian soft sign
    [InlineData("Лук’ян", "Лукьян")]
    [InlineData("Лук'ян", "Лукян")]
    [InlineData("Kaʻiulani", "Kaiulani")]
    [InlineData("علی‌رضا", "علیرضا")] // zero-width non-joiner
    [InlineData("محمـــد", "محمد")] // tatweel
    [InlineData("مُحَمَّد حَسَن", "محمد حسن")] // harakat
    [InlineData("שְׁלֹמֹה כֹּהֵן", "שלמה כהן")] // Hebrew points
    [InlineData("Ива\u0301н Петро\u0301в", "Иван Петров")] // stress marks
    [InlineData("Jose\u0301 Marti\u0301", "José Martí")]
    [InlineData("श\u200Dर्मा", "शर्मा")] // zero-width joiner
    [InlineData("マリア・シャラポワ", "マリア シャラポワ")] // katakana middle dot
    public void A_scripts_own_marks_normalise_like_the_name_written_without_them(string marked, string plain)
    {
        Assert.Equal(NameNormalizer.Normalize(plain).ToString(), NameNormalizer.Normalize(marked).ToString());
    }

    [Fact]
    public void Marks_keep_a_hebrew_or_arabic_name_flagged_as_written_without_vowels()
    {
        Assert.True(NameNormalizer.Normalize("שְׁלֹמֹה").FewVowels);
        Assert.True(NameNormalizer.Normalize("محمـــد").FewVowels);
    }

    [Fact]
    public void Titles_particles_legal_forms_and_initials_weigh_less_than_names()
    {
        var name = NameNormalizer.Normalize("Sheikh Juan M. de la Cruz Trading LLC");

        Assert.Equal([0.3f, 1f, 0.5f, 0.3f, 0.3f, 1f, 0.3f, 0.3f], name.Tokens.Select(t => t.Weight));
    }

    [Fact]
    public void Scripts_without_vowels_are_flagged_per_name_and_per_word()
    {
        var mixed = NameNormalizer.Normalize("Mohamed Hassan محمد حسن");

        Assert.True(mixed.FewVowels);
        Assert.Equal([false, false, true, true], mixed.Tokens.Select(t => t.FewVowels));
        Assert.False(NameNormalizer.Normalize("Мохаммед").FewVowels);
    }

    [Fact]
    public void Blank_or_symbol_only_names_have_no_tokens()
    {
        Assert.Empty(NameNormalizer.Normalize("  ").Tokens);
        Assert.Empty(NameNormalizer.Normalize("--- ...").Tokens);
    }

    [Fact]
    public void Very_long_names_are_cut_to_the_token_limit()
    {
        Assert.Equal(NameNormalizer.MaxTokens, NameNormalizer.Normalize(string.Join(' ', Enumerable.Repeat("name", 5000))).Tokens.Length);
    }

    [Theory]
    [InlineData("mohammed", "muhamad")]
    [InlineData("yusuf", "youssef")]
    [InlineData("dzhamal", "jamal")]
    [InlineData("rfiki", "rifki")]
    public void Transliteration_variants_and_typos_match(string a, string b)
    {
        Assert.True(TokenSimilarity.Of(TokenKeys.Of(a), TokenKeys.Of(b), queryFewVowels: false) >= TokenSimilarity.Floor);
    }

    [Theory]
    [InlineData("mohammed", "mahmoud")]
    [InlineData("ahmad", "hamid")]
    [InlineData("ying", "aung")]
    [InlineData("77", "78")]
    public void Different_names_do_not_match(string a, string b)
    {
        Assert.True(TokenSimilarity.Of(TokenKeys.Of(a), TokenKeys.Of(b), queryFewVowels: false) < TokenSimilarity.Floor);
    }

    [Fact]
    public void A_shared_sound_pattern_lifts_names_of_several_syllables_not_one_syllable_names()
    {
        var twoSyllables = TokenSimilarity.Of(TokenKeys.Of("yusuf"), TokenKeys.Of("youssef"), queryFewVowels: false);
        var oneSyllable = TokenSimilarity.Of(TokenKeys.Of("zhang"), TokenKeys.Of("jong"), queryFewVowels: false);

        Assert.True(oneSyllable < twoSyllables, $"{oneSyllable} vs {twoSyllables}");
    }

    [Theory]
    [InlineData("محمد", "mohammed")]
    [InlineData("حسين", "husayn")]
    [InlineData("يوسف", "youssef")]
    [InlineData("موهمد", "mohamed")]
    public void A_name_typed_without_vowels_matches_its_consonants_with_the_vowels_it_writes(string typed, string listed)
    {
        Assert.True(Similarity(typed, listed) >= TokenSimilarity.Floor);
    }

    [Theory]
    [InlineData("حسين", "hassan")]
    [InlineData("محمدي", "mohamed")]
    [InlineData("نوف", "navai")]
    [InlineData("तारा", "atris")]
    public void A_vowel_written_in_the_query_and_missing_from_the_listed_name_breaks_a_consonant_match(string typed, string listed)
    {
        Assert.True(Similarity(typed, listed) < TokenSimilarity.Floor);
    }

    [Fact]
    public void A_name_listed_in_a_script_without_vowels_is_not_held_to_the_queries_vowels()
    {
        var typed = NameNormalizer.Normalize("موسب").Tokens.Single().Text;
        var listed = NameNormalizer.Normalize("مصعب").Tokens.Single().Text;

        Assert.True(TokenSimilarity.Of(TokenKeys.Of(typed, writesVowels: false), TokenKeys.Of(listed, writesVowels: false), queryFewVowels: true) >= TokenSimilarity.Floor);
    }

    private static double Similarity(string typed, string listed)
    {
        var query = NameNormalizer.Normalize(typed);
        return TokenSimilarity.Of(TokenKeys.Of(query.Tokens.Single().Text, writesVowels: false), TokenKeys.Of(listed), query.FewVowels);
    }
}
