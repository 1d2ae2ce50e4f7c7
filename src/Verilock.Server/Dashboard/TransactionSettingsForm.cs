using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verilock.Domain.Transactions;
using Verilock.Server.Api;
using Verilock.Server.Transactions;

namespace Verilock.Server.Dashboard;

/// <summary>
/// The dashboard's form for an account's transaction thresholds: plain text fields (a blank one keeps the server's
/// value). It becomes <c>PUT /transactions/settings</c>'s JSON body and is read by <see cref="TransactionSettingsRequest"/>,
/// so the form and the API refuse the same values with the same messages.
/// </summary>
public sealed class TransactionSettingsForm
{
    /// <summary><c>USD=5000, EUR=4000</c>.</summary>
    public string? AmountThresholds { get; set; }
    public string? DefaultAmountThreshold { get; set; }
    /// <summary>Comma-separated, as every list of this form.</summary>
    public string? SanctionedCountries { get; set; }
    public string? HighRiskCountries { get; set; }
    public string? VelocityMaxCount { get; set; }
    public string? VelocityCountWindowSeconds { get; set; }
    public string? VelocityAmountFactor { get; set; }
    public string? VelocityAmountWindowSeconds { get; set; }
    public string? HighRiskMerchantCategories { get; set; }
    public string? WalletRiskThreshold { get; set; }
    public string? RecipientRiskThreshold { get; set; }

    public static TransactionSettingsForm From(TransactionRuleOverrides o) => new()
    {
        AmountThresholds = o.AmountThresholds is null ? null : string.Join(", ", o.AmountThresholds.Select(p => $"{p.Key}={Number(p.Value)}")),
        DefaultAmountThreshold = Number(o.DefaultAmountThreshold),
        SanctionedCountries = List(o.SanctionedCountries),
        HighRiskCountries = List(o.HighRiskCountries),
        VelocityMaxCount = Number(o.VelocityMaxCount),
        VelocityCountWindowSeconds = Number(o.VelocityCountWindowSeconds),
        VelocityAmountFactor = Number(o.VelocityAmountFactor),
        VelocityAmountWindowSeconds = Number(o.VelocityAmountWindowSeconds),
        HighRiskMerchantCategories = List(o.HighRiskMerchantCategories),
        WalletRiskThreshold = Number(o.WalletRiskThreshold),
        RecipientRiskThreshold = Number(o.RecipientRiskThreshold),
    };

    /// <summary>The overrides, or null with <paramref name="errors"/> filled.</summary>
    public TransactionRuleOverrides? Read(ValidationErrors errors)
    {
        var body = new JsonObject();
        if (Given(AmountThresholds) is { } amounts)
        {
            var thresholds = new JsonObject();
            foreach (var pair in Split(amounts))
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                thresholds[at < 0 ? pair : pair[..at].Trim()] = at < 0 ? null : Value(pair[(at + 1)..].Trim());
            }
            body["amount_thresholds"] = thresholds;
        }
        AddNumber(body, "default_amount_threshold", DefaultAmountThreshold);
        AddList(body, "sanctioned_countries", SanctionedCountries);
        AddList(body, "high_risk_countries", HighRiskCountries);
        AddNumber(body, "velocity_max_count", VelocityMaxCount);
        AddNumber(body, "velocity_count_window_seconds", VelocityCountWindowSeconds);
        AddNumber(body, "velocity_amount_factor", VelocityAmountFactor);
        AddNumber(body, "velocity_amount_window_seconds", VelocityAmountWindowSeconds);
        AddList(body, "high_risk_merchant_categories", HighRiskMerchantCategories);
        AddNumber(body, "wallet_risk_threshold", WalletRiskThreshold);
        AddNumber(body, "recipient_risk_threshold", RecipientRiskThreshold);
        using var document = JsonDocument.Parse(body.ToJsonString());
        return TransactionSettingsRequest.Read(document.RootElement, errors);
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A number when the text is one, else the text itself, which the reader refuses as "must be a number".</summary>
    private static JsonNode Value(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);

    private static void AddNumber(JsonObject body, string name, string? text)
    {
        if (Given(text) is { } given)
            body[name] = Value(given);
    }

    private static void AddList(JsonObject body, string name, string? text)
    {
        // Blank keeps the server's list; "none" empties it (the rule then never fires).
        if (Given(text) is not { } given)
            return;
        body[name] = given.Equals("none", StringComparison.OrdinalIgnoreCase)
            ? new JsonArray()
            : new JsonArray([.. Split(given).Select(code => (JsonNode)JsonValue.Create(code))]);
    }

    private static string? Number(double? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? List(IReadOnlyList<string>? codes) => codes is null ? null : codes.Count == 0 ? "none" : string.Join(", ", codes);
}
