using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verilock.Domain.Common;
using Verilock.Domain.Transactions;
using Verilock.Server.Api;

namespace Verilock.Server.Transactions;

/// <summary>One transaction to screen, read and checked (spec §19).</summary>
public sealed record TransactionRequest(
    TransactionFacts Facts, string? ReferenceId, string? SessionId, DateTime OccurredAt, IReadOnlyDictionary<string, object?> Metadata);

/// <summary>
/// Reads the body of <c>POST /transactions/screen</c>, or one item of a batch: every problem goes into the fields'
/// errors under its dot path (an item's fields are prefixed <c>transactions.&lt;index&gt;.</c>).
/// </summary>
public static partial class TransactionRequestReader
{
    public const int MaxNameLength = 200;
    public const int MaxAccountLength = 100;
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>How far ahead of the server's clock <c>occurred_at</c> may be (clock skew).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The request, or null when a field is invalid.</summary>
    public static TransactionRequest? Read(JsonFields fields, DateTime now)
    {
        var errors = fields.Errors;
        var before = errors.Count;
        var type = fields.String("type", 32);
        if (type is null)
            Require(fields, "type");
        else if (TransactionTypes.Find(type) is null)
            errors.Add(fields.PathOf("type"), $"The selected {fields.PathOf("type")} is invalid. Allowed: {string.Join(", ", TransactionTypes.Ids)}.");

        var amount = fields.Number("amount", decimal.MinValue, decimal.MaxValue);
        if (amount is null)
            Require(fields, "amount");
        else if (amount <= 0)
            errors.Add(fields.PathOf("amount"), $"The {fields.PathOf("amount")} must be greater than 0.");
        else if (amount > MaxAmount)
            errors.Add(fields.PathOf("amount"), string.Create(CultureInfo.InvariantCulture, $"The {fields.PathOf("amount")} must not be greater than {MaxAmount}."));

        var currency = fields.String("currency", 3)?.Trim().ToUpperInvariant();
        if (currency is null)
            Require(fields, "currency");
        else if (!Currencies.IsCode(currency))
            errors.Add(fields.PathOf("currency"), $"The {fields.PathOf("currency")} must be an ISO 4217 currency code.");

        var sender = Party(fields, "sender");
        var receiver = Party(fields, "receiver");
        var referenceId = fields.String("reference_id", 255);
        var sessionId = fields.String("session_id", 40);
        var occurredAt = OccurredAt(fields, now);
        var metadata = Metadata(fields);
        if (errors.Count > before || type is null || amount is null || currency is null || sender is null || receiver is null || occurredAt is null)
            return null;
        var facts = new TransactionFacts(type, (double)amount.Value, currency, sender, receiver, Signals(metadata));
        return new TransactionRequest(facts, referenceId, sessionId, occurredAt.Value, metadata);
    }

    private static void Require(JsonFields fields, string name)
    {
        if (!fields.Errors.Has(fields.PathOf(name)))
            fields.Errors.Add(fields.PathOf(name), $"The {fields.PathOf(name)} field is required.");
    }

    private static TransactionParty? Party(JsonFields fields, string name)
    {
        var party = fields.Object(name);
        if (party is null)
        {
            Require(fields, name);
            return null;
        }
        var errors = fields.Errors;
        var before = errors.Count;
        var partyName = party.String("name", MaxNameLength)?.Trim();
        if (string.IsNullOrEmpty(partyName))
        {
            if (!errors.Has(party.PathOf("name")))
                errors.Add(party.PathOf("name"), $"The {party.PathOf("name")} field is required.");
        }
        var account = party.String("account", MaxAccountLength)?.Trim();
        var countryText = party.String("country", 64);
        var country = countryText is null ? null : CountryInput.ToAlpha2(countryText);
        if (countryText is not null && country is null && !errors.Has(party.PathOf("country")))
            errors.Add(party.PathOf("country"), $"The {party.PathOf("country")} must be {CountryInput.Expected}.");
        return errors.Count > before ? null : new TransactionParty(partyName!, string.IsNullOrEmpty(account) ? null : account, country);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Instant();

    private static DateTime? OccurredAt(JsonFields fields, DateTime now)
    {
        var path = fields.PathOf("occurred_at");
        var text = fields.String("occurred_at", 40);
        if (text is null)
            return fields.Errors.Has(path) ? null : Clock.ToSeconds(now);
        if (!Instant().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            fields.Errors.Add(path, $"The {path} must be an ISO 8601 instant with a time zone, e.g. 2026-03-15T10:30:00Z.");
            return null;
        }
        var at = parsed.UtcDateTime;
        if (at > now + FutureTolerance)
        {
            fields.Errors.Add(path, $"The {path} must not be in the future.");
            return null;
        }
        return Clock.ToSeconds(at);
    }

    private static Dictionary<string, object?> Metadata(JsonFields fields)
    {
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
        var raw = fields.RawObject("metadata");
        if (raw is null)
            return metadata;
        var errors = fields.Errors;
        var root = fields.PathOf("metadata");
        foreach (var property in raw.Value.EnumerateObject())
        {
            if (metadata.Count == 50)
            {
                errors.Add(root, $"The {root} must not have more than 50 keys.");
                break;
            }
            var path = $"{root}.{property.Name}";
            if (property.Name.Length is 0 or > 40)
            {
                if (!errors.Has(root))
                    errors.Add(root, $"The {root} keys must be 1 to 40 characters.");
                continue;
            }
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String when value.GetString()!.Length > 500:
                    errors.Add(path, $"The {path} must not be greater than 500 characters.");
                    break;
                case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                    metadata[property.Name] = value.Clone();
                    break;
                default:
                    errors.Add(path, $"The {path} must be a string, number, boolean or null.");
                    break;
            }
        }
        return metadata;
    }

    /// <summary>The per-type signals read from metadata; a value of another type than documented is ignored.</summary>
    public static TransactionSignals Signals(IReadOnlyDictionary<string, object?> metadata)
    {
        JsonElement? Get(string key) => metadata.TryGetValue(key, out var v) && v is JsonElement e ? e : null;
        var mcc = Get("merchant_category") switch
        {
            { ValueKind: JsonValueKind.String } e => e.GetString()!.Trim(),
            { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var n) => n.ToString("D4", CultureInfo.InvariantCulture),
            _ => null,
        };
        static double? Number(JsonElement? e) => e is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;
        var mixer = Get("mixer_usage") is { ValueKind: JsonValueKind.True or JsonValueKind.False } m ? m.GetBoolean() : (bool?)null;
        return new TransactionSignals(mcc, Number(Get("wallet_risk_score")), mixer, Number(Get("recipient_risk_score")));
    }
}
