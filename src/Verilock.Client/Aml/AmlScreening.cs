namespace Verilock.Client;

/// <summary>An AML screening (spec §11.1): the query, the lists searched and the matches found.</summary>
public sealed class AmlScreening : VerilockEntity
{
    /// <summary><c>aml_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>False for screenings of a test key (screened against the synthetic <c>sandbox</c> list).</summary>
    public bool Livemode { get; init; }

    /// <summary>See <see cref="AmlScreeningStatuses"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary><c>low</c> (clear), <c>high</c> (potential match) or <c>critical</c> (confirmed).</summary>
    public string RiskLevel { get; init; } = "";

    /// <summary>Your reference.</summary>
    public string? ReferenceId { get; init; }

    /// <summary>The session whose <c>aml</c> step made it, if any.</summary>
    public string? SessionId { get; init; }

    /// <summary>What was screened.</summary>
    public AmlQuery Query { get; init; } = new();

    /// <summary>The list ids searched.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>The score a match needed (0.50–1.00).</summary>
    public double Threshold { get; init; }

    /// <summary>The best match's score, 0 without matches.</summary>
    public double HighestScore { get; init; }

    /// <summary>How many matches were found.</summary>
    public int MatchesFound { get; init; }

    /// <summary>Up to 20 matches, best first.</summary>
    public IReadOnlyList<AmlMatch> Matches { get; init; } = [];

    /// <summary>The analyst's decision, if any.</summary>
    public AmlScreeningDecision? Decision { get; init; }

    /// <summary>Whether it is re-screened when lists change.</summary>
    public bool MonitoringEnabled { get; init; }

    /// <summary><c>daily</c> or <c>weekly</c>.</summary>
    public string? MonitoringFrequency { get; init; }

    /// <summary>When its latest monitoring run ran.</summary>
    public DateTimeOffset? LastMonitoringAt { get; init; }

    /// <summary>True for a re-screening made by monitoring.</summary>
    public bool IsMonitoringRun { get; init; }

    /// <summary>For a monitoring run: the screening it re-screened.</summary>
    public string? ParentScreeningId { get; init; }

    /// <summary>When the lists were searched.</summary>
    public DateTimeOffset ScreenedAt { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
