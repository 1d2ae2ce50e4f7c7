using System.Text.RegularExpressions;
using Verilock.Server.Dashboard.Localization;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Dashboard;

/// <summary>Every text a dashboard page asks for by its English words has a French translation, and the codes have both.</summary>
public sealed partial class TranslationTests
{
    private static readonly string DashboardFolder = Path.Combine(Repository.Root, "src", "Verilock.Server", "Dashboard");

    [Fact]
    public void Every_literal_text_of_the_pages_is_translated_into_french()
    {
        var sources = Directory.EnumerateFiles(DashboardFolder, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(DashboardFolder, "*.cs", SearchOption.AllDirectories));
        var used = sources.SelectMany(path => LiteralKey().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.True(used.Count > 100, $"Only {used.Count} texts found: has the pages' syntax changed?");
        var french = DashboardTexts.Translations["fr"];
        Assert.Empty(used.Where(key => !french.ContainsKey(key)).Order());
    }

    [Fact]
    public void Every_code_named_in_english_is_named_in_french_too()
    {
        var english = DashboardTexts.Translations["en"];
        var french = DashboardTexts.Translations["fr"];
        Assert.Empty(english.Keys.Where(key => !french.ContainsKey(key)).Order());
        Assert.All(french, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
    }

    [GeneratedRegex("""\b[Tt]\["([^"]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
