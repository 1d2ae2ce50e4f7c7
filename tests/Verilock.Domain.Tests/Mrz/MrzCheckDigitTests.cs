using Verilock.Domain.Mrz;

namespace Verilock.Domain.Tests.Mrz;

public class MrzCheckDigitTests
{
    // Values from the ICAO 9303 specimens and the worked example in Part 3 §4.9.
    [Theory]
    [InlineData("D23145890", '7')]
    [InlineData("L898902C3", '6')]
    [InlineData("L8988901C", '4')]
    [InlineData("740812", '2')]
    [InlineData("120415", '9')]
    [InlineData("400907", '8')]
    [InlineData("961210", '9')]
    [InlineData("ZE184226B<<<<<", '1')]
    [InlineData("L898902C3674081221204159ZE184226B<<<<<1", '0')]
    [InlineData("AB2134<<<", '5')]
    [InlineData("<<<<<<", '0')]
    public void Computes_known_check_digits(string data, char expected) => Assert.Equal(expected, MrzCheckDigit.Compute(data));

    [Theory]
    [InlineData("<<<<<<<<<<<<<<", '<', true)]
    [InlineData("<<<<<<<<<<<<<<", '0', true)]
    [InlineData("ZE184226B<<<<<", '<', false)]
    [InlineData("ZE184226B<<<<<", '1', true)]
    [InlineData("ZE184226B<<<<<", '2', false)]
    public void A_filler_check_digit_is_accepted_only_over_an_empty_field(string data, char check, bool valid) =>
        Assert.Equal(valid, MrzCheckDigit.IsValid(data, check));
}
