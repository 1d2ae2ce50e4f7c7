namespace Verilock.Domain.Mrz;

/// <summary>The ICAO 9303 Part 3 check digit: weights 7-3-1 repeating, digits as themselves, A=10…Z=35, filler 0.</summary>
public static class MrzCheckDigit
{
    private static readonly int[] Weights = [7, 3, 1];

    /// <summary>The check digit over <paramref name="data"/>, which must hold only MRZ characters (A–Z, 0–9, &lt;).</summary>
    public static char Compute(ReadOnlySpan<char> data)
    {
        var sum = 0;
        for (var i = 0; i < data.Length; i++)
            sum += ValueOf(data[i]) * Weights[i % 3];
        return (char)('0' + sum % 10);
    }

    /// <summary>
    /// True when <paramref name="check"/> agrees with <paramref name="data"/>. A filler in place of the digit is
    /// accepted only over a field that is all fillers, as states print for an unused personal number or unknown date.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> data, char check) =>
        check == Compute(data) || (check == '<' && !data.ContainsAnyExcept('<'));

    private static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        '<' => 0,
        _ => throw new ArgumentException($"'{c}' is not an MRZ character.", nameof(c)),
    };
}
