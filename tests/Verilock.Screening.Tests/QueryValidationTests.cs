namespace Verilock.Screening.Tests;

public class QueryValidationTests
{
    private static readonly string[] Known = ["us_ofac_sdn", "un_sc"];
    private static readonly DateOnly Today = new(2026, 3, 14);

    [Fact]
    public void Sound_query_has_no_errors()
    {
        var query = new ScreeningQuery(FullName: "Jean-Marie O'Neill", DateOfBirth: "1985-03-15", Nationality: "fr", Lists: ["un_sc"], Threshold: 0.85);

        Assert.Empty(query.Validate(Known, Today));
    }

    [Theory]
    [InlineData("محمد علي")]
    [InlineData("習近平")]
    [InlineData("Дмитрий Медведев")]
    [InlineData("GROUP 77")]
    [InlineData("Li")]
    public void Names_in_any_single_script_are_accepted(string name)
    {
        Assert.Empty(new ScreeningQuery(FullName: name).Validate(Known, Today));
    }

    [Theory]
    [InlineData("Лукʼян Шевченко")] // Ukrainian apostrophe, U+02BC
    [InlineData("Kaʻiulani Cleghorn")] // Hawaiian ʻokina, U+02BB
    [InlineData("Gʻulom Xoʻjayev")] // Uzbek Latin oʻ and gʻ
    [InlineData("علی‌رضا")] // Persian zero-width non-joiner
    [InlineData("محمـــد")] // Arabic tatweel
    [InlineData("José Martí")] // decomposed accents
    [InlineData("Лук’ян Шевченко")] // U+2019 written as the apostrophe
    [InlineData("Лук'ян Шевченко")] // U+0027
    [InlineData("Ива\u0301н Петро\u0301в")] // Cyrillic stress marks
    [InlineData("И\u0306осип Сліпий")] // Cyrillic breve written decomposed
    [InlineData("श\u200Dर्मा")] // Devanagari with a zero-width joiner; vowel signs and virama are Devanagari marks
    [InlineData("देवनागरी राजेश")]
    [InlineData("مُحَمَّد حَسَن")] // Arabic harakat
    [InlineData("ـمحمد")] // tatweel at the start, with nothing Arabic before it
    [InlineData("שְׁלֹמֹה כֹּהֵן")] // Hebrew points
    [InlineData("マリア・シャラポワ")] // katakana middle dot U+30FB
    [InlineData("ルーシー")] // prolonged sound mark U+30FC
    [InlineData("山田はなこ")] // Han + hiragana
    [InlineData("山田ハナコ")] // Han + katakana
    [InlineData("김正恩")] // Hangul + hanja
    [InlineData("𠀋田")] // a Han character outside the Basic Multilingual Plane
    public void Marks_a_scripts_own_orthography_uses_are_not_a_second_script(string name)
    {
        Assert.Empty(new ScreeningQuery(FullName: name).Validate(Known, Today));
    }

    [Theory]
    [InlineData("Иvан Петров", "Cyrillic, Latin")] // a Latin v inside a Cyrillic word
    [InlineData("Ιван Петров", "Greek, Cyrillic")] // a Greek capital iota
    [InlineData("Ива\u0301n", "Cyrillic, Latin")] // a stress mark does not hide the Latin n
    [InlineData("Ivaा Sharma", "Latin, Indic")] // a Devanagari vowel sign is Devanagari, not a neutral mark
    [InlineData("Smith 𠀋", "Latin, EastAsian")] // read as one character, not two surrogates of no script
    [InlineData("Лукʼян Smith", "Cyrillic, Latin")] // the apostrophe joins neither side
    public void Genuine_mixes_are_still_refused(string name, string scripts)
    {
        var errors = new ScreeningQuery(FullName: name).Validate(Known, Today);

        Assert.Equal($"Mixes writing systems ({scripts}); write the name in one script.", errors["full_name"]);
    }

    [Theory]
    [InlineData(null, "full_name", "required")]
    [InlineData("", "full_name", "required")]
    [InlineData("   ", "full_name", "required")]
    [InlineData("J", "full_name", "two letters")]
    [InlineData("J.", "full_name", "two letters")]
    [InlineData("John 😀 Doe", "full_name", "emoji")]
    [InlineData("John\u0000Doe", "full_name", "control")]
    [InlineData("Vlаdimir Putin", "full_name", "writing systems")]
    [InlineData("Иван Smith", "full_name", "writing systems")]
    public void Bad_names_are_explained(string? name, string field, string expected)
    {
        var errors = new ScreeningQuery(FullName: name).Validate(Known, Today);

        Assert.Contains(expected, errors[field]);
    }

    [Fact]
    public void Ten_thousand_character_name_is_too_long()
    {
        var errors = new ScreeningQuery(FullName: new string('a', 10_000)).Validate(Known, Today);

        Assert.Contains("at most 200", errors["full_name"]);
    }

    [Fact]
    public void First_and_last_name_parts_are_limited_to_100_characters()
    {
        var errors = new ScreeningQuery(FirstName: new string('a', 101), LastName: "Doe").Validate(Known, Today);

        Assert.Equal(["first_name"], errors.Keys);
    }

    [Fact]
    public void Last_name_alone_is_enough()
    {
        Assert.Empty(new ScreeningQuery(LastName: "Doe").Validate(Known, Today));
        Assert.Contains("required", new ScreeningQuery(FirstName: "John").Validate(Known, Today)["full_name"]);
    }

    [Theory]
    [InlineData("1969-7-16")]
    [InlineData("1969-07-6")]
    [InlineData("1969-7")]
    public void Unpadded_birth_dates_are_read(string date)
    {
        Assert.Empty(new ScreeningQuery(FullName: "John Doe", DateOfBirth: date).Validate(Known, Today));
    }

    [Theory]
    [InlineData("2023-2-30")]
    [InlineData("1969-7-")]
    [InlineData("1969-007-16")]
    [InlineData("2023-02-30")]
    [InlineData("1985-13-01")]
    [InlineData("15/03/1985")]
    [InlineData("85")]
    [InlineData("1850")]
    [InlineData("2030-01-01")]
    [InlineData("2026-03-15")]
    public void Impossible_birth_dates_are_rejected(string date)
    {
        Assert.True(new ScreeningQuery(FullName: "John Doe", DateOfBirth: date).Validate(Known, Today).ContainsKey("date_of_birth"));
    }

    [Theory]
    [InlineData("1985")]
    [InlineData("1985-03")]
    [InlineData("2024-02-29")]
    [InlineData("2026-03-14")]
    public void Partial_and_edge_birth_dates_are_accepted(string date)
    {
        Assert.Empty(new ScreeningQuery(FullName: "John Doe", DateOfBirth: date).Validate(Known, Today));
    }

    [Fact]
    public void Unknown_or_empty_lists_are_rejected()
    {
        Assert.Contains("eu_fsf", new ScreeningQuery(FullName: "John Doe", Lists: ["eu_fsf"]).Validate(Known, Today)["lists"]);
        Assert.True(new ScreeningQuery(FullName: "John Doe", Lists: []).Validate(Known, Today).ContainsKey("lists"));
    }

    [Theory]
    [InlineData(0.49)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Threshold_outside_half_to_one_is_rejected(double threshold)
    {
        Assert.True(new ScreeningQuery(FullName: "John Doe", Threshold: threshold).Validate(Known, Today).ContainsKey("threshold"));
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("1A")]
    [InlineData("")]
    public void Nationality_must_be_two_letters(string nationality)
    {
        Assert.True(new ScreeningQuery(FullName: "John Doe", Nationality: nationality).Validate(Known, Today).ContainsKey("nationality"));
    }
}
