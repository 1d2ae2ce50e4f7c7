using Verilock.Domain.Mrz;

namespace Verilock.Domain.Tests.Mrz;

/// <summary>
/// Builds well-formed zones around the specimen's data so a test can change one field. Check digits are computed
/// over what is printed unless a test overrides one; the composite is computed last, over the digits as printed.
/// </summary>
internal static class MrzLines
{
    public static string[] Td3(
        string documentNumber = "L898902C3", string state = "UTO", string nationality = "UTO", string birth = "740812",
        char sex = 'F', string expiry = "120415", string optional = "ZE184226B", string name = "ERIKSSON<<ANNA<MARIA",
        char? documentCheck = null, char? birthCheck = null, char? expiryCheck = null, char? optionalCheck = null,
        char? composite = null)
    {
        var number = Pad(documentNumber, 9);
        var personal = Pad(optional, 14);
        var line2 = number + (documentCheck ?? Check(number)) + Pad(nationality, 3)
            + birth + (birthCheck ?? Check(birth)) + sex
            + expiry + (expiryCheck ?? Check(expiry))
            + personal + (optionalCheck ?? Check(personal));
        line2 += composite ?? Check(line2[..10] + line2[13..20] + line2[21..]);
        return ["P<" + Pad(state, 3) + Pad(name, 39), line2];
    }

    /// <summary>A TD1 zone; a document number over 9 characters is split the ICAO way into the optional data.</summary>
    public static string[] Td1(
        string documentNumber = "D23145890", string state = "UTO", string nationality = "UTO", string birth = "740812",
        char sex = 'F', string expiry = "120415", string optional1 = "", string optional2 = "",
        string name = "ERIKSSON<<ANNA<MARIA", char? documentCheck = null, char? composite = null)
    {
        var line1 = documentNumber.Length <= 9
            ? "I<" + Pad(state, 3) + Pad(documentNumber, 9) + (documentCheck ?? Check(Pad(documentNumber, 9))) + Pad(optional1, 15)
            : "I<" + Pad(state, 3) + documentNumber[..9] + "<"
                + Pad(documentNumber[9..] + (documentCheck ?? Check(documentNumber)) + "<" + optional1, 15);
        var line2 = birth + Check(birth) + sex + expiry + Check(expiry) + Pad(nationality, 3) + Pad(optional2, 11);
        line2 += composite ?? Check(line1[5..] + line2[..7] + line2[8..15] + line2[18..]);
        return [line1, line2, Pad(name, 30)];
    }

    public static char Check(string data) => MrzCheckDigit.Compute(data);

    /// <summary>A different digit from the right one, for "this check digit is wrong" tests.</summary>
    public static char WrongCheck(string data) => (char)('0' + (MrzCheckDigit.Compute(data) - '0' + 5) % 10);

    private static string Pad(string field, int length) => field.PadRight(length, '<');
}
