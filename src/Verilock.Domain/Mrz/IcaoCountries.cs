using Verilock.Domain.Common;

namespace Verilock.Domain.Mrz;

/// <summary>
/// The codes ICAO 9303 Part 3 allows for issuing states and nationalities: every ISO 3166-1 alpha-3 code plus
/// ICAO's own designations for Germany, British nationality classes, organisations and stateless persons.
/// </summary>
public static class IcaoCountries
{
    // ICAO code → ISO alpha-2, or null where the holder has no country (organisations, refugees, stateless).
    private static readonly Dictionary<string, string?> Specials = new(StringComparer.Ordinal)
    {
        ["D"] = "DE",
        ["GBD"] = "GB", // British Overseas Territories citizen
        ["GBN"] = "GB", // British National (Overseas)
        ["GBO"] = "GB", // British Overseas citizen
        ["GBP"] = "GB", // British protected person
        ["GBS"] = "GB", // British subject
        ["RKS"] = "XK", // Kosovo: XK is the user-assigned code everyone uses, not an ISO assignment
        ["UNO"] = null, // United Nations
        ["UNA"] = null, // UN specialised agency
        ["UNK"] = null, // resident of Kosovo, travel document issued by UNMIK
        ["EUE"] = null, // European Union laissez-passer
        ["XBA"] = null, // African Development Bank
        ["XIM"] = null, // African Export-Import Bank
        ["XCC"] = null, // Caribbean Community
        ["XCE"] = null, // Council of Europe
        ["XCO"] = null, // Common Market for Eastern and Southern Africa
        ["XDC"] = null, // Southern African Development Community
        ["XEC"] = null, // Economic Community of West African States
        ["XES"] = null, // Organisation of Eastern Caribbean States
        ["XOM"] = null, // Sovereign Military Order of Malta
        ["XPO"] = null, // Interpol
        ["XXA"] = null, // stateless (1954 Convention)
        ["XXB"] = null, // refugee (1951 Convention)
        ["XXC"] = null, // refugee (other)
        ["XXX"] = null, // nationality unspecified
    };

    /// <summary>True for an ISO alpha-3 code or an ICAO special designation, as printed in the MRZ (fillers removed).</summary>
    public static bool IsKnown(string icaoCode) =>
        Specials.ContainsKey(icaoCode) || CountryCodes.Alpha2For(icaoCode) is not null;

    /// <summary>The ISO alpha-2 country for an ICAO code, or null when it names no country or is unknown.</summary>
    public static string? ToAlpha2(string icaoCode) =>
        Specials.TryGetValue(icaoCode, out var alpha2) ? alpha2 : CountryCodes.Alpha2For(icaoCode);
}
