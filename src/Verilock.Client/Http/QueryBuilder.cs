using System.Globalization;
using System.Text;

namespace Verilock.Client.Http;

/// <summary>A query string of list parameters (spec §6); a null value leaves its parameter out.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null)
            return this;
        _query.Append(_query.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name))
            .Append('=')
            .Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryBuilder Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Dates go as <c>YYYY-MM-DD</c>, whole UTC days on the server's side.</summary>
    public QueryBuilder Add(string name, DateOnly? value) =>
        Add(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public override string ToString() => _query.ToString();
}
