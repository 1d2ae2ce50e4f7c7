namespace Verilock.Screening.Lists;

/// <summary>
/// A list file is unreadable, truncated or implausible. The caller keeps the index it has: a bad
/// download must never replace the last good copy.
/// </summary>
public sealed class ListParseException : Exception
{
    public ListParseException(string listId, string message, Exception? inner = null)
        : base($"{listId}: {message}", inner) => ListId = listId;

    public string ListId { get; }
}
