namespace Verilock.Client;

/// <summary>Risk levels of sessions (spec §10) and AML screenings (spec §11.1).</summary>
public static class RiskLevels
{
    /// <summary>Session 0–25; a clear screening.</summary>
    public const string Low = "low";

    /// <summary>Session 26–50.</summary>
    public const string Medium = "medium";

    /// <summary>Session 51–75; a screening with a potential match.</summary>
    public const string High = "high";

    /// <summary>Session 76–100; a confirmed match.</summary>
    public const string Critical = "critical";
}
