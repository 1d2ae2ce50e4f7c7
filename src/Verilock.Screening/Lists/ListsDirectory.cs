using System.Text;
using Verilock.Screening.Model;

namespace Verilock.Screening.Lists;

/// <summary>
/// Loads lists from a folder laid out like <c>shared/data/sanctions</c>: one subfolder per list id
/// (<c>us_ofac_sdn/sdn.csv</c>…, <c>un_sc/consolidated.xml</c>, <c>eu_fsf/*.xml</c>,
/// <c>gb_ofsi/*.csv</c>). Used for offline mode and for the last good copies kept on disk.
/// Subfolders of lists without a parser are ignored.
/// </summary>
public static class ListsDirectory
{
    /// <summary>The ids of the known lists that have a subfolder in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> ListIds(string directory) =>
        KnownLists.All.Select(l => l.Id).Where(id => Directory.Exists(Path.Combine(directory, id))).ToList();

    /// <summary>Every known list present; throws <see cref="ListParseException"/> on the first bad one.</summary>
    public static IReadOnlyList<SanctionsList> LoadAll(string directory, DateTimeOffset loadedAt) =>
        ListIds(directory).Select(id => LoadList(directory, id, loadedAt)).ToList();

    /// <summary>One list, or a <see cref="ListParseException"/> saying why its files are unusable.</summary>
    public static SanctionsList LoadList(string directory, string listId, DateTimeOffset loadedAt)
    {
        var known = KnownLists.Find(listId) ?? throw new ArgumentException($"No parser for list '{listId}'.", nameof(listId));
        var folder = Path.Combine(directory, listId);
        try
        {
            var parsed = listId switch
            {
                KnownLists.OfacSdn => ParseOfac(folder),
                KnownLists.UnSecurityCouncil => ParseFile(OpenRead(listId, folder, "consolidated.xml", "*.xml"), UnConsolidatedParser.Parse),
                KnownLists.EuFinancialSanctions => ParseFile(OpenRead(listId, folder, null, "*.xml"), EuFinancialSanctionsParser.Parse),
                _ => ParseFile(OpenRead(listId, folder, "ConList.csv", "*.csv"), s => UkOfsiParser.Parse(new StreamReader(s, Encoding.UTF8))),
            };
            var metadata = new ListMetadata(known.Id, known.Name, "sanctions", known.Source, known.SourceUrl,
                parsed.Version, parsed.PublishedAt, parsed.Entities.Count, loadedAt);
            return new SanctionsList(metadata, parsed.Entities);
        }
        catch (IOException e)
        {
            throw new ListParseException(listId, $"cannot read {folder}: {e.Message}", e);
        }
    }

    private static ParsedList ParseFile(FileStream file, Func<Stream, ParsedList> parse)
    {
        using (file)
            return parse(file);
    }

    private static ParsedList ParseOfac(string folder)
    {
        var sdn = Path.Combine(folder, "sdn.csv");
        if (!File.Exists(sdn))
            throw new ListParseException(KnownLists.OfacSdn, $"{sdn} is missing.");
        using var sdnReader = OfacReader(sdn)!;
        using var altReader = OfacReader(Path.Combine(folder, "alt.csv"));
        using var commentsReader = OfacReader(Path.Combine(folder, "sdn_comments.csv"));
        // The legacy CSV carries no publication date; the file's time is when this copy was fetched.
        var version = DateOnly.FromDateTime(File.GetLastWriteTimeUtc(sdn));
        return OfacSdnParser.Parse(sdnReader, altReader, commentsReader, version);
    }

    /// <summary>OFAC writes Windows-1252; the snapshot is plain ASCII, where Latin-1 reads the same.</summary>
    private static StreamReader? OfacReader(string path) =>
        File.Exists(path) ? new StreamReader(path, Encoding.Latin1) : null;

    private static FileStream OpenRead(string listId, string folder, string? preferred, string pattern)
    {
        if (preferred is not null && File.Exists(Path.Combine(folder, preferred)))
            return File.OpenRead(Path.Combine(folder, preferred));
        var file = Directory.Exists(folder) ? Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).FirstOrDefault() : null;
        return file is null
            ? throw new ListParseException(listId, $"no {pattern} file in {folder}.")
            : File.OpenRead(file);
    }
}
