namespace Verilock.Server.Api;

/// <summary>Collects per-field messages keyed by dot path (spec §3: <c>applicant.email</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Values.Sum(messages => messages.Count);

    public bool Has(string field) => _errors.ContainsKey(field);

    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>Every message, field by field, for a page that lists them.</summary>
    public IEnumerable<string> Messages => _errors.Values.SelectMany(messages => messages);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    public IResult ToResult() => ApiError.Validation(_errors);

    /// <summary>One "field: message" line per problem, for the command line.</summary>
    public string Describe() =>
        string.Join(Environment.NewLine, _errors.SelectMany(e => e.Value.Select(message => $"  {e.Key}: {message}")));
}
