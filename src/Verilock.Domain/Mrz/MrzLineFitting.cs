namespace Verilock.Domain.Mrz;

/// <summary>
/// Makes a line that is one or two characters off a format's length fit it. OCR most often miscounts the fillers in
/// a run of '&lt;', or drops or adds a character at a line end, so those are the only places we insert or delete.
/// </summary>
internal static class MrzLineFitting
{
    public const int MaxSlack = 2;

    public static IReadOnlyList<RepairedText> Fit(RepairedText line, int length)
    {
        var fitted = new List<RepairedText>();
        if (Math.Abs(line.Text.Length - length) <= MaxSlack)
            Explore(line, length, fitted, new HashSet<string>(StringComparer.Ordinal));
        return fitted;
    }

    private static void Explore(RepairedText line, int length, List<RepairedText> fitted, HashSet<string> seen)
    {
        var text = line.Text;
        if (text.Length == length)
        {
            if (seen.Add(text))
                fitted.Add(line);
            return;
        }

        var edits = text.Length < length
            ? InsertionPoints(text).Select(at => text.Insert(at, "<"))
            : DeletionPoints(text).Select(at => text.Remove(at, 1));
        foreach (var edited in edits)
            Explore(new RepairedText(edited, line.Repairs + 1), length, fitted, seen);
    }

    // Line end first: a dropped trailing filler is the commonest miscount.
    private static IEnumerable<int> InsertionPoints(string text) => [text.Length, .. FillerRunStarts(text)];

    private static IEnumerable<int> DeletionPoints(string text) => [text.Length - 1, .. FillerRunStarts(text), 0];

    private static IEnumerable<int> FillerRunStarts(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '<' && (i == 0 || text[i - 1] != '<'))
                yield return i;
    }
}
