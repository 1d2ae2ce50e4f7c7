namespace Verilock.Domain.Mrz;

/// <summary>Reads the fields and check digits out of lines that already have the format's exact shape.</summary>
internal static class MrzFieldReader
{
    public static MrzReading Read(MrzLayout layout, IReadOnlyList<string> lines, int repairs, DateOnly today)
    {
        var documentNumber = MrzDocumentNumber.Read(layout, lines);
        var nameField = layout.Name.Read(lines);
        var (surname, givenNames) = MrzNames.Split(nameField);
        var optionalData = string.Join(' ', documentNumber.OptionalFields
            .Select(field => field.Replace("<", ""))
            .Where(field => field.Length > 0));

        return new MrzReading(
            layout.Format,
            lines.ToArray(),
            layout.DocumentCode.Read(lines).TrimEnd('<'),
            layout.IssuingState.Read(lines).TrimEnd('<'),
            surname,
            givenNames,
            documentNumber.Value,
            layout.Nationality.Read(lines).TrimEnd('<'),
            MrzDates.BirthDate(layout.DateOfBirth.Read(lines), today),
            SexOf(layout.Sex.Read(lines)[0]),
            MrzDates.ExpiryDate(layout.ExpiryDate.Read(lines), today),
            optionalData,
            CheckDigits(layout, lines),
            repairs)
        {
            NameMayBeTruncated = nameField[^1] != '<',
        };
    }

    public static MrzCheckDigits CheckDigits(MrzLayout layout, IReadOnlyList<string> lines)
    {
        bool Agrees(string data, MrzSpan check) => MrzCheckDigit.IsValid(data, check.Read(lines)[0]);

        bool? optionalData = layout.OptionalDataCheck is { } optionalCheck
            ? Agrees(layout.OptionalData[0].Read(lines), optionalCheck)
            : null;
        bool? composite = layout.Composite is { } compositeCheck
            ? Agrees(string.Concat(layout.CompositeCovers.Select(span => span.Read(lines))), compositeCheck)
            : null;
        return new MrzCheckDigits(
            MrzDocumentNumber.Read(layout, lines).CheckDigitAgrees,
            Agrees(layout.DateOfBirth.Read(lines), layout.DateOfBirthCheck),
            Agrees(layout.ExpiryDate.Read(lines), layout.ExpiryDateCheck),
            optionalData,
            composite);
    }

    private static string? SexOf(char printed) => printed is 'M' or 'F' or 'X' ? printed.ToString() : null;
}
