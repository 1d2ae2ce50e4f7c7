using Microsoft.Extensions.Configuration;
using Verilock.Domain.Transactions;
using Verilock.Server.Transactions;

namespace Verilock.Server.Tests.Transactions;

/// <summary><c>Verilock:Transactions</c>: documented defaults, bound from configuration, checked at start-up.</summary>
public sealed class TransactionOptionsTests
{
    private static TransactionOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Verilock:Transactions:{s.Key}", s.Value)))
            .Build();
        var options = new TransactionOptions();
        configuration.GetSection("Verilock:Transactions").Bind(options);
        return options;
    }

    [Fact]
    public void The_defaults_are_the_rules_defaults_and_valid()
    {
        var options = new TransactionOptions();
        Assert.Empty(options.Problems());
        var settings = options.ToSettings();
        Assert.Equal(["CU", "IR", "KP"], settings.SanctionedCountries);
        Assert.Equal(["KP", "IR", "MM"], settings.HighRiskCountries);
        Assert.Equal(10_000, settings.AmountThreshold("USD"));
        Assert.Equal(8_000, settings.AmountThreshold("GBP"));
        Assert.Equal(10, settings.VelocityMaxCount);
        Assert.Equal(TimeSpan.FromHours(1), settings.VelocityCountWindow);
    }

    [Fact]
    public void A_setting_replaces_a_list_and_adds_or_replaces_one_currency()
    {
        var settings = Bind(("SanctionedCountries", "ru, by"), ("AmountThresholds:usd", "5000"), ("AmountThresholds:SEK", "100000"),
            ("VelocityMaxCount", "3"), ("VelocityCountWindow", "00:10:00")).ToSettings();
        Assert.Equal(["RU", "BY"], settings.SanctionedCountries);
        Assert.Equal(5_000, settings.AmountThreshold("USD"));
        Assert.Equal(100_000, settings.AmountThreshold("SEK"));
        Assert.Equal(10_000, settings.AmountThreshold("EUR"));
        Assert.Equal(3, settings.VelocityMaxCount);
        var facts = new TransactionFacts(TransactionTypes.WireTransfer, 10, "USD", new("A", "S", "RU"), new("B", "R", "RU"), TransactionSignals.None);
        Assert.Equal(["sanctioned_country"], TransactionRules.Evaluate(facts, TransactionHistory.Empty, CounterpartyMatches.None, settings).Flags);
    }

    [Fact]
    public void Bad_values_are_each_a_problem()
    {
        var options = Bind(("AmountThresholds:XYZ", "10"), ("AmountThresholds:EUR", "0"), ("DefaultAmountThreshold", "-1"),
            ("HighRiskCountries", "KP,XX"), ("VelocityMaxCount", "0"), ("VelocityCountWindow", "00:00:00"), ("VelocityAmountFactor", "0"),
            ("VelocityAmountWindow", "40.00:00:00"), ("HighRiskMerchantCategories", "7995,abc"), ("WalletRiskThreshold", "101"),
            ("RecipientRiskThreshold", "-1"));
        string[] expected =
        [
            "Verilock:Transactions:AmountThresholds:EUR must be positive.",
            "Verilock:Transactions:AmountThresholds:XYZ is not an ISO 4217 currency code.",
            "Verilock:Transactions:DefaultAmountThreshold must be positive.",
            "Verilock:Transactions:HighRiskCountries has 'XX', which is not an ISO 3166-1 alpha-2 code.",
            "Verilock:Transactions:VelocityMaxCount must be at least 1.",
            "Verilock:Transactions:VelocityCountWindow must be positive and at most 31 days.",
            "Verilock:Transactions:VelocityAmountFactor must be positive.",
            "Verilock:Transactions:VelocityAmountWindow must be positive and at most 31 days.",
            "Verilock:Transactions:HighRiskMerchantCategories has 'abc', which is not a four-digit merchant category code.",
            "Verilock:Transactions:WalletRiskThreshold must be between 0 and 100.",
            "Verilock:Transactions:RecipientRiskThreshold must be between 0 and 100.",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), options.Problems().Order(StringComparer.Ordinal));
    }
}
