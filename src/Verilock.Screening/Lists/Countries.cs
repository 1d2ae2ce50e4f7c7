using AnyAscii;

namespace Verilock.Screening.Lists;

/// <summary>
/// Maps the country names and nationality adjectives the publishers write ("Iran (Islamic Republic
/// of)", "Korea, North", "Afghan", "Türkiye") to ISO 3166-1 alpha-2 codes. The server runs with
/// invariant globalization, so .NET's RegionInfo cannot do this; the table lives here.
/// </summary>
public static class Countries
{
    // code|names and adjectives separated by '|'; looked up after Key() folding (case, accents, punctuation, "the").
    private const string Table = """
        AD|Andorra|Andorran
        AE|United Arab Emirates|UAE|Emirati|Emirian
        AF|Afghanistan|Afghan|Afghani
        AG|Antigua and Barbuda|Antiguan
        AI|Anguilla
        AL|Albania|Albanian
        AM|Armenia|Armenian
        AO|Angola|Angolan
        AR|Argentina|Argentine|Argentinian
        AT|Austria|Austrian
        AU|Australia|Australian
        AW|Aruba
        AZ|Azerbaijan|Azerbaijani|Azeri
        BA|Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia|Bosnian|Bosnian and Herzegovinian
        BB|Barbados|Barbadian
        BD|Bangladesh|Bangladeshi
        BE|Belgium|Belgian
        BF|Burkina Faso|Burkinabe
        BG|Bulgaria|Bulgarian
        BH|Bahrain|Bahraini
        BI|Burundi|Burundian
        BJ|Benin|Beninese
        BN|Brunei|Brunei Darussalam|Bruneian
        BO|Bolivia|Bolivia (Plurinational State of)|Bolivian
        BR|Brazil|Brazilian
        BS|Bahamas|Bahamian
        BT|Bhutan|Bhutanese
        BW|Botswana|Motswana|Batswana
        BY|Belarus|Belarusian|Belarussian|Byelorussian
        BZ|Belize|Belizean
        CA|Canada|Canadian
        CD|Democratic Republic of the Congo|Congo, Democratic Republic of the|DR Congo|DRC|Congo-Kinshasa|Congolese (DRC)|Zaire
        CF|Central African Republic|Central African
        CG|Congo|Republic of the Congo|Congo, Republic of the|Congo-Brazzaville|Congolese
        CH|Switzerland|Swiss
        CI|Cote d'Ivoire|Côte d'Ivoire|Ivory Coast|Ivorian
        CL|Chile|Chilean
        CM|Cameroon|Cameroonian
        CN|China|People's Republic of China|Chinese
        CO|Colombia|Colombian
        CR|Costa Rica|Costa Rican
        CU|Cuba|Cuban
        CV|Cabo Verde|Cape Verde|Cape Verdean|Cabo Verdean
        CY|Cyprus|Cypriot
        CZ|Czech Republic|Czechia|Czech
        DE|Germany|German
        DJ|Djibouti|Djiboutian
        DK|Denmark|Danish|Dane
        DM|Dominica|Dominican (Dominica)
        DO|Dominican Republic|Dominican
        DZ|Algeria|Algerian
        EC|Ecuador|Ecuadorian|Ecuadorean
        EE|Estonia|Estonian
        EG|Egypt|Egyptian
        EH|Western Sahara|Sahrawi
        ER|Eritrea|Eritrean
        ES|Spain|Spanish|Spaniard
        ET|Ethiopia|Ethiopian
        FI|Finland|Finnish|Finn
        FJ|Fiji|Fijian
        FR|France|French
        GA|Gabon|Gabonese
        GB|United Kingdom|United Kingdom of Great Britain and Northern Ireland|Great Britain|UK|Britain|British|English|Scottish|Welsh
        GD|Grenada|Grenadian
        GE|Georgia|Georgian
        GH|Ghana|Ghanaian
        GM|Gambia|The Gambia|Gambian
        GN|Guinea|Guinean
        GQ|Equatorial Guinea|Equatoguinean|Equatorial Guinean
        GR|Greece|Greek
        GT|Guatemala|Guatemalan
        GW|Guinea-Bissau|Bissau-Guinean
        GY|Guyana|Guyanese
        HK|Hong Kong|Hong Kong SAR|Hongkonger
        HN|Honduras|Honduran
        HR|Croatia|Croatian|Croat
        HT|Haiti|Haitian
        HU|Hungary|Hungarian
        ID|Indonesia|Indonesian
        IE|Ireland|Irish
        IL|Israel|Israeli
        IN|India|Indian
        IQ|Iraq|Iraqi
        IR|Iran|Iran (Islamic Republic of)|Islamic Republic of Iran|Iranian|Persian
        IS|Iceland|Icelandic|Icelander
        IT|Italy|Italian
        JM|Jamaica|Jamaican
        JO|Jordan|Jordanian
        JP|Japan|Japanese
        KE|Kenya|Kenyan
        KG|Kyrgyzstan|Kyrgyz|Kirghiz|Kyrgyz Republic
        KH|Cambodia|Cambodian
        KM|Comoros|Comoran|Comorian
        KN|Saint Kitts and Nevis|Kittitian
        KP|North Korea|Korea, North|Democratic People's Republic of Korea|DPRK|North Korean|Korean (DPRK)
        KR|South Korea|Korea, South|Republic of Korea|Korea|South Korean
        KW|Kuwait|Kuwaiti
        KY|Cayman Islands|Caymanian
        KZ|Kazakhstan|Kazakh|Kazakhstani
        LA|Laos|Lao People's Democratic Republic|Lao|Laotian
        LB|Lebanon|Lebanese
        LC|Saint Lucia|Saint Lucian
        LI|Liechtenstein
        LK|Sri Lanka|Sri Lankan
        LR|Liberia|Liberian
        LS|Lesotho|Basotho
        LT|Lithuania|Lithuanian
        LU|Luxembourg|Luxembourgish|Luxembourger
        LV|Latvia|Latvian
        LY|Libya|Libyan|Libyan Arab Jamahiriya
        MA|Morocco|Moroccan
        MC|Monaco|Monegasque
        MD|Moldova|Republic of Moldova|Moldovan
        ME|Montenegro|Montenegrin
        MG|Madagascar|Malagasy
        MK|North Macedonia|Macedonia|Macedonia, The Former Yugoslav Republic of|The former Yugoslav Republic of Macedonia|Macedonian
        ML|Mali|Malian
        MM|Myanmar|Burma|Burmese
        MN|Mongolia|Mongolian
        MO|Macao|Macau
        MR|Mauritania|Mauritanian
        MT|Malta|Maltese
        MU|Mauritius|Mauritian
        MV|Maldives|Maldivian
        MW|Malawi|Malawian
        MX|Mexico|Mexican
        MY|Malaysia|Malaysian
        MZ|Mozambique|Mozambican
        NA|Namibia|Namibian
        NE|Niger|Nigerien
        NG|Nigeria|Nigerian
        NI|Nicaragua|Nicaraguan
        NL|Netherlands|Holland|Dutch
        NO|Norway|Norwegian
        NP|Nepal|Nepalese|Nepali
        NZ|New Zealand|New Zealander
        OM|Oman|Omani
        PA|Panama|Panamanian
        PE|Peru|Peruvian
        PG|Papua New Guinea|Papua New Guinean
        PH|Philippines|Filipino|Philippine
        PK|Pakistan|Pakistani
        PL|Poland|Polish
        PR|Puerto Rico|Puerto Rican
        PS|State of Palestine|Palestine|Palestinian|Palestinian Territories|West Bank|Gaza
        PT|Portugal|Portuguese
        PY|Paraguay|Paraguayan
        QA|Qatar|Qatari
        RO|Romania|Romanian
        RS|Serbia|Serbian
        RU|Russia|Russian Federation|Russian
        RW|Rwanda|Rwandan
        SA|Saudi Arabia|Saudi|Saudi Arabian
        SB|Solomon Islands
        SC|Seychelles|Seychellois
        SD|Sudan|Sudanese
        SE|Sweden|Swedish|Swede
        SG|Singapore|Singaporean
        SI|Slovenia|Slovenian|Slovene
        SK|Slovakia|Slovak|Slovak Republic
        SL|Sierra Leone|Sierra Leonean
        SM|San Marino
        SN|Senegal|Senegalese
        SO|Somalia|Somali
        SR|Suriname|Surinamese
        SS|South Sudan|South Sudanese
        SV|El Salvador|Salvadoran|Salvadorean
        SY|Syria|Syrian Arab Republic|Syrian
        SZ|Eswatini|Swaziland|Swazi
        TD|Chad|Chadian
        TG|Togo|Togolese
        TH|Thailand|Thai
        TJ|Tajikistan|Tajik|Tajikistani
        TL|Timor-Leste|East Timor|Timorese
        TM|Turkmenistan|Turkmen
        TN|Tunisia|Tunisian
        TR|Turkey|Türkiye|Turkish
        TT|Trinidad and Tobago|Trinidadian|Tobagonian
        TW|Taiwan|Taiwanese
        TZ|Tanzania|United Republic of Tanzania|Tanzanian
        UA|Ukraine|Ukrainian
        UG|Uganda|Ugandan
        US|United States|United States of America|USA|U.S.A.|US|American
        UY|Uruguay|Uruguayan
        UZ|Uzbekistan|Uzbek|Uzbekistani
        VE|Venezuela|Venezuela (Bolivarian Republic of)|Venezuelan
        VG|British Virgin Islands|Virgin Islands, British
        VN|Vietnam|Viet Nam|Vietnamese
        VU|Vanuatu
        WS|Samoa|Samoan
        XK|Kosovo|Kosovar|Kosovan
        YE|Yemen|Yemeni
        ZA|South Africa|South African
        ZM|Zambia|Zambian
        ZW|Zimbabwe|Zimbabwean
        """;

    private static readonly Dictionary<string, string> ByName = BuildIndex();

    /// <summary>The alpha-2 code for a country name or adjective; null when unknown ("na", "former Soviet Union").</summary>
    public static string? ToAlpha2(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        return ByName.GetValueOrDefault(Key(name));
    }

    private static Dictionary<string, string> BuildIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            foreach (var name in fields.Skip(1))
                index.TryAdd(Key(name), fields[0]);
        }
        return index;
    }

    /// <summary>Folds case, accents, punctuation, "the" and "possibly" so "Congo, Democratic Republic of the" meets "Democratic Republic of the Congo" spellings listed above.</summary>
    private static string Key(string name)
    {
        var words = new string(name.Transliterate().ToLowerInvariant()
                .Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("the" or "possibly"));
        return string.Join(' ', words);
    }
}
