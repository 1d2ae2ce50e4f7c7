using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Verilock.Server.Dashboard.Localization;

/// <summary>
/// The dashboard's words. Keys are the English text, or a wire code (<c>face_match_inconclusive</c>) that
/// <c>en.json</c> names in English; <c>fr.json</c> (embedded) maps every key to French. A small
/// JSON-backed localizer rather than resx culture lookups: the server runs with invariant globalization, so
/// culture objects carry no data and only the language matters (<see cref="Preferences.Language"/>).
/// A missing translation falls back to English; a test checks that every key used in a page is translated.
/// </summary>
public sealed class DashboardTexts(IHttpContextAccessor accessor) : IStringLocalizer
{
    public static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Translations =
        new Dictionary<string, FrozenDictionary<string, string>> { ["en"] = Load("en"), ["fr"] = Load("fr") }.ToFrozenDictionary();

    public string Language => accessor.HttpContext is { } context ? Preferences.Language(context) : "en";

    public LocalizedString this[string name]
    {
        get
        {
            if (Translations[Language].TryGetValue(name, out var text))
                return new LocalizedString(name, text);
            // English text is its own key; a code without an English name shows as the code.
            return new LocalizedString(name, Translations["en"].GetValueOrDefault(name, name), resourceNotFound: Language != "en");
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Translations[Language].Select(pair => new LocalizedString(pair.Key, pair.Value));

    private static FrozenDictionary<string, string> Load(string language)
    {
        using var stream = typeof(DashboardTexts).Assembly.GetManifestResourceStream($"Verilock.Server.Dashboard.Localization.{language}.json")
            ?? throw new InvalidOperationException($"The dashboard's {language}.json is not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
