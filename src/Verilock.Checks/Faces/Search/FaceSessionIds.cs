using System.Globalization;

namespace Verilock.Checks.Faces.Search;

/// <summary>
/// Session ids are <c>ses_</c> and a lower-case GUID (<c>Ids.NewSessionId</c>); the index keeps the 16 bytes of the
/// GUID rather than a string per template, and gives the same text back.
/// </summary>
internal static class FaceSessionIds
{
    private const string Prefix = "ses_";

    public static Guid Parse(string sessionId, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(sessionId, parameterName);
        if (!TryParse(sessionId, out var guid))
            throw new ArgumentException($"'{sessionId}' is not a session id (ses_ and a lower-case GUID).", parameterName);
        return guid;
    }

    public static bool TryParse(string sessionId, out Guid guid)
    {
        guid = Guid.Empty;
        return sessionId.Length == Prefix.Length + 36
            && sessionId.StartsWith(Prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(sessionId.AsSpan(Prefix.Length), "D", out guid)
            && string.Equals(Format(guid), sessionId, StringComparison.Ordinal);
    }

    public static string Format(Guid guid) => Prefix + guid.ToString("D", CultureInfo.InvariantCulture);
}
