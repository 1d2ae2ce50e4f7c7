namespace Verilock.Client;

/// <summary>What a draft rule would have changed (spec §18); nothing was written.</summary>
public sealed class RuleSimulation : VerilockEntity
{
    /// <summary>Decided sessions replayed (a person's decisions and redacted sessions are left out).</summary>
    public int SessionsEvaluated { get; init; }

    /// <summary>Sessions the draft matched.</summary>
    public int Matched { get; init; }

    /// <summary>Sessions whose decision would differ.</summary>
    public int DecisionsChanged { get; init; }

    /// <summary>The first 100 of those.</summary>
    public IReadOnlyList<RuleSimulationChange> Changes { get; init; } = [];
}

/// <summary>A session whose decision the draft would change.</summary>
public sealed class RuleSimulationChange
{
    /// <summary>The session.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>Its stored decision (<see cref="SessionDecisions"/>).</summary>
    public string From { get; init; } = "";

    /// <summary>The decision with the draft.</summary>
    public string To { get; init; } = "";
}
