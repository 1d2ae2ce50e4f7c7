using System.Xml;
using System.Xml.Linq;

namespace Verilock.Screening.Lists;

/// <summary>Loads a publisher's XML file safely (no DTDs) and reports a malformed or truncated file as a <see cref="ListParseException"/>.</summary>
internal static class XmlLists
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    public static XElement LoadRoot(Stream xml, string listId)
    {
        try
        {
            using var reader = XmlReader.Create(xml, Settings);
            return XDocument.Load(reader).Root ?? throw new ListParseException(listId, "the XML file has no root element.");
        }
        catch (XmlException e)
        {
            throw new ListParseException(listId, $"malformed or truncated XML at line {e.LineNumber}: {e.Message}", e);
        }
    }

    /// <summary>The trimmed text of a child element, or null when it is missing or empty.</summary>
    public static string? Text(this XElement parent, XName child)
    {
        var value = parent.Element(child)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static string? Attr(this XElement element, XName name)
    {
        var value = element.Attribute(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
