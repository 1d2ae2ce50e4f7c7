using System.Globalization;
using System.Text.Json;
using Verilock.Domain.Common;
using Verilock.Domain.Transactions;
using Verilock.Server.Api;

namespace Verilock.Server.Transactions;

/// <summary>
/// Reads the body of <c>PUT /transactions/settings</c> (and the dashboard's settings form, turned into the same JSON):
/// the account's overrides, each field optional (absent or null keeps the server's value). Every wrong value is a 422
/// under its path (<c>amount_thresholds.EUR</c>, <c>sanctioned_countries.2</c>); an unknown field is refused rather
/// than ignored, so a misspelt setting never looks saved.
/// </summary>
public static class TransactionSettingsRequest
{
    public const int MaxListItems = 300;
    public const int MaxWindowSeconds = 31 * 24 * 3600;
    public const int MaxVelocityCount = 1_000_000;
    public const decimal MaxAmountThreshold = TransactionRequestReader.MaxAmount;
    public const decimal MaxVelocityFactor = 1_000;

    public static readonly IReadOnlyList<string> Fields =
    [
        "amount_thresholds", "default_amount_threshold", "sanctioned_countries", "high_risk_countries", "velocity_max_count",
        "velocity_count_window_seconds", "velocity_amount_factor", "velocity_amount_window_seconds", "high_risk_merchant_categories",
        "wallet_risk_threshold", "recipient_risk_threshold",
    ];

    /// <summary>The overrides, or null with <paramref name="errors"/> filled.</summary>
    public static TransactionRuleOverrides? Read(JsonElement root, ValidationErrors errors)
    {
        foreach (var property in root.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
            errors.Add(property.Name, $"The {Shown(property.Name)} field is not a transaction setting. Allowed: {string.Join(", ", Fields)}.");
        var fields = new JsonFields(root, errors);
        var overrides = new TransactionRuleOverrides
        {
            AmountThresholds = AmountThresholds(fields, errors),
            DefaultAmountThreshold = Positive(fields, "default_amount_threshold", MaxAmountThreshold),
            SanctionedCountries = Codes(root, errors, "sanctioned_countries", Country, "an ISO 3166-1 alpha-2 country code"),
            HighRiskCountries = Codes(root, errors, "high_risk_countries", Country, "an ISO 3166-1 alpha-2 country code"),
            VelocityMaxCount = (int?)fields.Integer("velocity_max_count", 1, MaxVelocityCount),
            VelocityCountWindowSeconds = (int?)fields.Integer("velocity_count_window_seconds", 1, MaxWindowSeconds),
            VelocityAmountFactor = Positive(fields, "velocity_amount_factor", MaxVelocityFactor),
            VelocityAmountWindowSeconds = (int?)fields.Integer("velocity_amount_window_seconds", 1, MaxWindowSeconds),
            HighRiskMerchantCategories = Codes(root, errors, "high_risk_merchant_categories", MerchantCategory, "a four-digit merchant category code"),
            WalletRiskThreshold = (double?)fields.Number("wallet_risk_threshold", 0, 100),
            RecipientRiskThreshold = (double?)fields.Number("recipient_risk_threshold", 0, 100),
        };
        return errors.Any ? null : overrides;
    }

    private static string Shown(string name) => name.Length > 40 ? name[..40] + "…" : name;

    private static double? Positive(JsonFields fields, string name, decimal max)
    {
        var value = fields.Number(name, decimal.MinValue, decimal.MaxValue);
        if (value is null)
            return null;
        if (value <= 0 || value > max)
        {
            fields.Errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"The {name} must be greater than 0 and not greater than {max}."));
            return null;
        }
        return (double)value;
    }

    private static Dictionary<string, double>? AmountThresholds(JsonFields fields, ValidationErrors errors)
    {
        const string name = "amount_thresholds";
        var raw = fields.RawObject(name);
        if (raw is null)
            return null;
        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in raw.Value.EnumerateObject())
        {
            var path = $"{name}.{Shown(property.Name)}";
            var currency = property.Name.Trim().ToUpperInvariant();
            if (!Currencies.IsCode(currency))
            {
                errors.Add(path, $"The {path} key must be an ISO 4217 currency code.");
                continue;
            }
            if (thresholds.Count == MaxListItems)
            {
                errors.Add(name, $"The {name} must not have more than {MaxListItems} currencies.");
                break;
            }
            if (Threshold(errors, path, property.Value) is { } threshold)
                thresholds[currency] = threshold;
        }
        return thresholds;
    }

    private static double? Threshold(ValidationErrors errors, string path, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            errors.Add(path, $"The {path} must be a number.");
            return null;
        }
        if (number <= 0 || number > MaxAmountThreshold)
        {
            errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"The {path} must be greater than 0 and not greater than {MaxAmountThreshold}."));
            return null;
        }
        return (double)number;
    }

    private static string? Country(string text) => text.Trim().ToUpperInvariant() is var code && CountryCodes.IsAlpha2(code) ? code : null;

    private static string? MerchantCategory(string text) => text.Trim() is { Length: 4 } code && code.All(char.IsAsciiDigit) ? code : null;

    /// <summary>An array of codes, each normalised by <paramref name="parse"/> (null when invalid); duplicates dropped, order kept.</summary>
    private static List<string>? Codes(JsonElement root, ValidationErrors errors, string name, Func<string, string?> parse, string expected)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(name, $"The {name} must be an array.");
            return null;
        }
        if (value.GetArrayLength() > MaxListItems)
        {
            errors.Add(name, $"The {name} must not have more than {MaxListItems} items.");
            return null;
        }
        var codes = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}.{index++}";
            var code = item.ValueKind == JsonValueKind.String ? parse(item.GetString()!) : null;
            if (code is null)
                errors.Add(path, $"The {path} must be {expected}.");
            else if (!codes.Contains(code))
                codes.Add(code);
        }
        return codes;
    }
}
