using System.Globalization;
using System.Text.Json;

namespace Verilock.Server.Api;

/// <summary>
/// Typed access to the fields of a JSON object, recording a 422 message for each wrong value under its dot
/// path. A field that is absent or <c>null</c> reads as "not given". Unknown fields are simply never read.
/// </summary>
public sealed class JsonFields(JsonElement obj, ValidationErrors errors, string prefix = "")
{
    public ValidationErrors Errors => errors;

    public string PathOf(string name) => prefix + name;

    public bool Has(string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Given as an explicit <c>null</c>, which a partial update may read as "back to the default".</summary>
    public bool IsNull(string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null;

    private bool TryGet(string name, out JsonElement value) =>
        obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public string? String(string name, int maxLength)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(PathOf(name), $"The {PathOf(name)} must be a string.");
            return null;
        }
        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Add(PathOf(name), $"The {PathOf(name)} must not be greater than {maxLength} characters.");
            return null;
        }
        return text;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        errors.Add(PathOf(name), $"The {PathOf(name)} field must be true or false.");
        return null;
    }

    public long? Integer(string name, long min, long max)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            errors.Add(PathOf(name), $"The {PathOf(name)} must be an integer.");
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(PathOf(name), $"The {PathOf(name)} must be between {min} and {max}.");
            return null;
        }
        return number;
    }

    public decimal? Number(string name, decimal min, decimal max)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            errors.Add(PathOf(name), $"The {PathOf(name)} must be a number.");
            return null;
        }
        if (number < min || number > max)
        {
            errors.Add(PathOf(name), string.Create(CultureInfo.InvariantCulture, $"The {PathOf(name)} must be between {min} and {max}."));
            return null;
        }
        return number;
    }

    public JsonFields? Object(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Object)
            return new JsonFields(value, errors, PathOf(name) + ".");
        errors.Add(PathOf(name), $"The {PathOf(name)} must be an object.");
        return null;
    }

    /// <summary>The raw object, for callers that walk arbitrary keys (metadata).</summary>
    public JsonElement? RawObject(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Object)
            return value;
        errors.Add(PathOf(name), $"The {PathOf(name)} must be an object.");
        return null;
    }

    /// <summary>The raw array, for callers that read its items themselves (a rule's conditions).</summary>
    public JsonElement? RawArray(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Array)
            return value;
        errors.Add(PathOf(name), $"The {PathOf(name)} must be an array.");
        return null;
    }

    /// <summary>An array of strings each drawn from <paramref name="allowed"/>; duplicates are kept for the caller to drop.</summary>
    public IReadOnlyList<string>? Choices(string name, IReadOnlyCollection<string> allowed, bool requireOne = true)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(PathOf(name), $"The {PathOf(name)} must be an array.");
            return null;
        }
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (text is null || !allowed.Contains(text))
            {
                var shown = text ?? item.GetRawText();
                errors.Add(PathOf(name), $"The {PathOf(name)} field contains an invalid value: {Truncate(shown)}. Allowed: {string.Join(", ", allowed)}.");
                return null;
            }
            items.Add(text);
        }
        if (requireOne && items.Count == 0)
        {
            errors.Add(PathOf(name), $"The {PathOf(name)} must have at least 1 item.");
            return null;
        }
        return items;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
