namespace Verilock.Checks.Samples;

/// <summary>
/// Writes the machine-readable zone of a sample document by the ICAO 9303 rules (field widths, filler,
/// 7-3-1 check digits), so the rendered images carry an MRZ a conforming parser accepts.
/// </summary>
public static class MrzComposer
{
    public static IReadOnlyList<string> Compose(SampleDocument d) => d.Layout switch
    {
        SampleLayout.Passport => ComposePassport(d),
        SampleLayout.IdCard => ComposeIdCard(d),
        SampleLayout.VisaA => ComposeVisa(d, 44),
        SampleLayout.VisaB => ComposeVisa(d, 36),
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    static string[] ComposePassport(SampleDocument d)
    {
        var line1 = Field(d.DocumentCode, 2) + Field(d.IssuingState, 3) + Field(Name(d), 39);
        var number = Field(d.DocumentNumber, 9);
        var birth = Date(d.DateOfBirth);
        var expiry = Date(d.ExpiryDate);
        var optional = Field(d.OptionalData, 14);
        var optionalCheck = d.OptionalData.Length == 0 ? "<" : CheckDigit(optional);
        var composite = number + CheckDigit(number) + birth + CheckDigit(birth) + expiry + CheckDigit(expiry) + optional + optionalCheck;
        var line2 = number + CheckDigit(number) + Field(d.Nationality, 3) + birth + CheckDigit(birth) + d.Sex
                    + expiry + CheckDigit(expiry) + optional + optionalCheck + CheckDigit(composite);
        return [line1, line2];
    }

    static string[] ComposeIdCard(SampleDocument d)
    {
        var number = Field(d.DocumentNumber, 9);
        var optional1 = Field(d.OptionalData, 15);
        var line1 = Field(d.DocumentCode, 2) + Field(d.IssuingState, 3) + number + CheckDigit(number) + optional1;
        var birth = Date(d.DateOfBirth);
        var expiry = Date(d.ExpiryDate);
        var optional2 = Field("", 11);
        var composite = line1[5..30] + birth + CheckDigit(birth) + expiry + CheckDigit(expiry) + optional2;
        var line2 = birth + CheckDigit(birth) + d.Sex + expiry + CheckDigit(expiry) + Field(d.Nationality, 3)
                    + optional2 + CheckDigit(composite);
        var line3 = Field(Name(d), 30);
        return [line1, line2, line3];
    }

    /// <summary>MRV-A and MRV-B: the passport's second line up to the expiry check digit, then optional data to the end; no composite.</summary>
    static string[] ComposeVisa(SampleDocument d, int length)
    {
        var line1 = Field(d.DocumentCode, 2) + Field(d.IssuingState, 3) + Field(Name(d), length - 5);
        var number = Field(d.DocumentNumber, 9);
        var birth = Date(d.DateOfBirth);
        var expiry = Date(d.ExpiryDate);
        var line2 = number + CheckDigit(number) + Field(d.Nationality, 3) + birth + CheckDigit(birth) + d.Sex
                    + expiry + CheckDigit(expiry) + Field(d.OptionalData, length - 28);
        return [line1, line2];
    }

    public static (string Surname, string GivenNames) NamesInZone(SampleDocument d)
    {
        var field = Field(Name(d), d.Layout switch { SampleLayout.IdCard => 30, SampleLayout.VisaB => 31, _ => 39 });
        var split = field.IndexOf("<<", StringComparison.Ordinal);
        return (field[..split].Replace('<', ' '), field[(split + 2)..].Replace('<', ' ').Trim());
    }

    static string Name(SampleDocument d) => Words(d.Surname) + "<<" + Words(d.GivenNames);

    static string Words(string name) => string.Join('<', name.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    static string Date(DateOnly date) => date.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    static string Field(string value, int width)
    {
        var text = value.ToUpperInvariant().Replace(' ', '<');
        return text.Length >= width ? text[..width] : text + new string('<', width - text.Length);
    }

    /// <summary>ICAO 9303 part 3 §4.9: weights 7, 3, 1 repeating; digits count as themselves, A–Z as 10–35, filler as 0.</summary>
    public static string CheckDigit(string field)
    {
        int[] weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 0,
            };
            sum += value * weights[i % 3];
        }
        return ((char)('0' + sum % 10)).ToString();
    }
}
