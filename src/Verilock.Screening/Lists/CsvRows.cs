using System.Text;

namespace Verilock.Screening.Lists;

/// <summary>
/// A small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes) for the
/// publishers' CSV files. A quote left open at the end of the file means the download was cut
/// short, so it is an error rather than a last field.
/// </summary>
internal static class CsvRows
{
    /// <summary>
    /// Each record with its 1-based starting line. Records holding nothing but blanks or control
    /// characters are skipped: OFAC ends some files with a DOS end-of-file mark (0x1A).
    /// </summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, string listId, string fileName)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool inQuotes = false, fieldWasQuoted = false;
        int line = 1, recordLine = 1;

        while (true)
        {
            var next = reader.Read();
            if (next < 0)
                break;
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = fieldWasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    if (!IsBlank(fields))
                        yield return (recordLine, fields.ToArray());
                    fields.Clear();
                    field.Clear();
                    fieldWasQuoted = false;
                    recordLine = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (inQuotes)
            throw new ListParseException(listId, $"{fileName}: a quoted field opened on line {recordLine} never closes (truncated file?).");
        fields.Add(field.ToString());
        if (!IsBlank(fields))
            yield return (recordLine, fields.ToArray());
    }

    private static bool IsBlank(List<string> fields) =>
        fields.All(f => f.All(c => char.IsWhiteSpace(c) || char.IsControl(c)));
}
