namespace Verilock.Domain.Transactions;

/// <summary>
/// The default country lists of rules <c>rule_sc_001</c> and <c>rule_sc_002</c> (ISO 3166-1 alpha-2). Operators
/// replace them with <c>Verilock:Transactions:SanctionedCountries</c> and <c>HighRiskCountries</c>; review them
/// whenever the sources change.
/// </summary>
public static class RiskCountries
{
    /// <summary>
    /// Jurisdictions under comprehensive (country-wide) sanctions: the U.S. Treasury OFAC "Sanctions Programs and
    /// Country Information" page, as reviewed 2025-10-31 — Cuba, Iran, North Korea. Syria's comprehensive programme
    /// ended on 2025-07-01 (Executive Order 14312) and is not included; the Crimea, Donetsk and Luhansk regions of
    /// Ukraine are comprehensively sanctioned but have no country code of their own.
    /// </summary>
    public static readonly IReadOnlyList<string> ComprehensiveSanctions = ["CU", "IR", "KP"];

    /// <summary>
    /// FATF "High-Risk Jurisdictions subject to a Call for Action", plenary of 2025-10-24: North Korea, Iran, Myanmar.
    /// </summary>
    public static readonly IReadOnlyList<string> FatfCallForAction = ["KP", "IR", "MM"];
}
