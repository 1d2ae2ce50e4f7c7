namespace Verilock.Domain.Mrz;

/// <summary>Undoes OCR confusions in a candidate zone, cheapest certainty first, and counts what it changed.</summary>
internal static class MrzRepair
{
    public static RepairedZone Apply(MrzCandidate candidate)
    {
        var layout = candidate.Layout;
        var lines = candidate.Lines.Select(line => line.ToCharArray()).ToArray();

        // Country codes first: the code table can resolve 0/O/D where the generic letter mapping would guess.
        var repairs = candidate.Repairs
            + CountryCodeRepair.Apply(lines, layout.IssuingState)
            + CountryCodeRepair.Apply(lines, layout.Nationality)
            + CharClassRepair.Apply(lines, layout)
            + NameFillerRepair.Apply(lines, layout.Name)
            + CheckDigitRepair.Apply(lines, layout);
        return new RepairedZone(lines.Select(line => new string(line)).ToArray(), repairs);
    }
}

/// <summary>The zone's lines after repair and how many characters repair changed in all.</summary>
internal sealed record RepairedZone(string[] Lines, int Repairs);
