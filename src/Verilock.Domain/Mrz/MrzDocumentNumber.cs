namespace Verilock.Domain.Mrz;

/// <summary>
/// The document number as printed, with the check digit that guards it, and the optional data fields left once a
/// long number's overflow is taken out of them.
/// </summary>
internal sealed record MrzDocumentNumber(string Printed, char Check, IReadOnlyList<string> OptionalFields)
{
    public string Value => Printed.Replace("<", "");

    public bool CheckDigitAgrees => MrzCheckDigit.IsValid(Printed, Check);

    public static MrzDocumentNumber Read(MrzLayout layout, IReadOnlyList<string> lines)
    {
        var principal = layout.DocumentNumber.Read(lines);
        var check = layout.DocumentNumberCheck.Read(lines)[0];
        var optional = layout.OptionalData.Select(span => span.Read(lines)).ToArray();
        if (check != '<' || !layout.DocumentNumberCanOverflow || principal.Contains('<'))
            return new(principal, check, optional);

        // ICAO 9303 Part 5 §4.2.4 / Part 6: overflow characters, their check digit, then a filler.
        var overflowField = optional[0];
        var end = overflowField.IndexOf('<');
        if (end < 0)
            end = overflowField.Length;
        if (end < 2)
            return new(principal, check, optional);
        optional[0] = overflowField[end..];
        return new(principal + overflowField[..(end - 1)], overflowField[end - 1], optional);
    }
}
