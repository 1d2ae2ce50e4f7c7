using Verilock.Domain.Mrz;

namespace Verilock.Domain.Tests.Mrz;

public class IcaoCountriesTests
{
    [Theory]
    [InlineData("FRA", "FR")]
    [InlineData("DEU", "DE")]
    [InlineData("D", "DE")]
    [InlineData("GBR", "GB")]
    [InlineData("GBD", "GB")]
    [InlineData("GBN", "GB")]
    [InlineData("GBO", "GB")]
    [InlineData("GBP", "GB")]
    [InlineData("GBS", "GB")]
    [InlineData("RKS", "XK")]
    [InlineData("NLD", "NL")]
    [InlineData("KOR", "KR")]
    [InlineData("COD", "CD")]
    public void Codes_of_countries_map_to_alpha2(string icao, string alpha2) => Assert.Equal(alpha2, IcaoCountries.ToAlpha2(icao));

    [Theory]
    [InlineData("UNO")]
    [InlineData("UNA")]
    [InlineData("UNK")]
    [InlineData("XXA")]
    [InlineData("XXB")]
    [InlineData("XXC")]
    [InlineData("XXX")]
    [InlineData("EUE")]
    [InlineData("XOM")]
    [InlineData("XPO")]
    public void Specials_naming_no_country_are_known_without_an_alpha2(string icao)
    {
        Assert.True(IcaoCountries.IsKnown(icao));
        Assert.Null(IcaoCountries.ToAlpha2(icao));
    }

    [Theory]
    [InlineData("UTO")]
    [InlineData("ZZZ")]
    [InlineData("DE")]
    [InlineData("fra")]
    [InlineData("")]
    public void Anything_else_is_unknown(string code)
    {
        Assert.False(IcaoCountries.IsKnown(code));
        Assert.Null(IcaoCountries.ToAlpha2(code));
    }
}
