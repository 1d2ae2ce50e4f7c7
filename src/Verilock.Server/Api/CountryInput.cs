using Verilock.Domain.Common;
using Verilock.Screening.Lists;

namespace Verilock.Server.Api;

/// <summary>
/// Reads a country as integrators send it (spec §16): an ISO 3166-1 alpha-2 code ("IQ"), an alpha-3 code ("IRQ")
/// or an English name ("Iraq", "Korea, North"), in any case. Everything downstream keeps alpha-2 only.
/// </summary>
public static class CountryInput
{
    /// <summary>How a field's 422 says what it takes.</summary>
    public const string Expected = "an ISO 3166-1 alpha-2 or alpha-3 country code or an English country name";

    /// <summary>The officially assigned alpha-2 code the text names, or null when it names no country.</summary>
    public static string? ToAlpha2(string text)
    {
        var trimmed = text.Trim();
        var upper = trimmed.ToUpperInvariant();
        if (upper.Length == 2 && CountryCodes.IsAlpha2(upper))
            return upper;
        if (upper.Length == 3 && CountryCodes.Alpha2For(upper) is { } fromAlpha3)
            return fromAlpha3;
        // Anything else is looked up as a name or nationality adjective ("Iraq", "Iraqi", "UK"); like a code, it must end
        // at an assigned alpha-2 code.
        return Countries.ToAlpha2(trimmed) is { } fromName && CountryCodes.IsAlpha2(fromName) ? fromName : null;
    }
}
