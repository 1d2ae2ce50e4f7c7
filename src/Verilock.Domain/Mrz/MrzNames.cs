namespace Verilock.Domain.Mrz;

/// <summary>Splits the MRZ name field: primary identifier, "&lt;&lt;", secondary identifier, fillers between name parts.</summary>
internal static class MrzNames
{
    public static (string Surname, string GivenNames) Split(string nameField)
    {
        var name = nameField.TrimEnd('<');
        var separator = name.IndexOf("<<", StringComparison.Ordinal);
        return separator < 0
            ? (Words(name), "")
            : (Words(name[..separator]), Words(name[(separator + 2)..]));
    }

    private static string Words(string part) =>
        string.Join(' ', part.Split('<', StringSplitOptions.RemoveEmptyEntries));
}
