namespace Verilock.Domain.Transactions;

/// <summary>
/// The default country lists of rules <c>rule_sc_001</c> and <c>rule_sc_002</c> (ISO 3166-1 alpha-2). Operators
/// replace them with <c>Verilock:Transactions:SanctionedCountries</c> and <c>HighRiskCountries</c>; review them
/// whenever the sources change.
/// </summary>
public static class RiskCountries
{
    /// <summary>
    /// Jurisdictions under comprehensive (country-wide) U.S. sanctions programmes (OFAC, "Sanctions Programs and
    /// Country Information") — Cuba, Iran, North Korea; checked 2026-12-07. Syria's comprehensive programme ended on
    /// 2025-07-01 (Executive Order 14312 of 2025-06-30, Federal Register 2025-07-03) and is not included; the Crimea,
    /// Donetsk and Luhansk regions of Ukraine are comprehensively sanctioned but have no country code of their own.
    /// Sources and how they were checked: docs/transactions.md, "Country lists".
    /// </summary>
    public static readonly IReadOnlyList<string> ComprehensiveSanctions = ["CU", "IR", "KP"];

    /// <summary>
    /// FATF "High-Risk Jurisdictions subject to a Call for Action", plenary of 2025-10-24, unchanged at those of
    /// 2026-02-13 and 2026-06-19 (checked 2026-12-07): North Korea, Iran, Myanmar.
    /// </summary>
    public static readonly IReadOnlyList<string> FatfCallForAction = ["KP", "IR", "MM"];
}
