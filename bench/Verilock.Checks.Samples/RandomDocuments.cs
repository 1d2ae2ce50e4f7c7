namespace Verilock.Checks.Samples;

/// <summary>
/// Fictional documents drawn from a seeded generator: names of different lengths (some cut by the name field),
/// numbers mixing the characters OCR confuses (0/O, 1/I, 5/S, 8/B, 2/Z), birth dates 1940–2008 and expiry dates
/// after the benchmark's "today" (2026-11-27), so every read document is valid and not expired.
/// </summary>
public static class RandomDocuments
{
    static readonly string[] Surnames = ["ERIKSSON", "MUSTERMANN", "OBRIEN", "NGUYEN", "DE LA CRUZ", "OKONKWO", "SCHWARZENEGGER", "LI", "ZOBOLI", "BOIS DE LA FONTAINE", "ABDULRAHMAN AL SAYED", "KOWALCZYK"];
    static readonly string[] GivenNames = ["ANNA MARIA", "ZOE", "JONATHAN BARTHOLOMEW", "OLU", "SIOBHAN", "IBRAHIM", "XIAO LING", "BO", "MARIE CLAIRE ISABELLE", "IOANNIS"];
    static readonly string[] States = ["UTO", "D", "GBR", "FRA", "NLD", "ITA", "ZAF", "BRA"];
    const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const string Confusable = "0O1I5S8B2Z";

    public static SampleDocument Next(SampleLayout layout, Random random)
    {
        var state = States[random.Next(States.Length)];
        var code = layout switch
        {
            SampleLayout.Passport => random.Next(3) == 0 ? "PO" : "P",
            SampleLayout.IdCard => random.Next(2) == 0 ? "ID" : "I",
            _ => "V",
        };
        var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 68 * 365));
        var expiry = new DateOnly(2027, 1, 1).AddDays(random.Next(0, 11 * 365));
        var optional = layout switch
        {
            SampleLayout.IdCard or SampleLayout.Passport when random.Next(2) == 0 => Characters(random, random.Next(4, 10)),
            SampleLayout.VisaA or SampleLayout.VisaB when random.Next(2) == 0 => Characters(random, 6),
            _ => "",
        };
        return new SampleDocument(layout, code, state, Surnames[random.Next(Surnames.Length)], GivenNames[random.Next(GivenNames.Length)],
            Characters(random, 9), state, birth, random.Next(2) == 0 ? 'F' : 'M', expiry, optional);
    }

    static string Characters(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => random.Next(3) == 0 ? Confusable[random.Next(Confusable.Length)] : Alphanumerics[random.Next(Alphanumerics.Length)])]);
}
