using System.Text.Json;

namespace Verilock.Client;

/// <summary>A screened transaction (spec §19): the payment as sent, its score, recommendation and status.</summary>
public sealed class Transaction : VerilockEntity
{
    /// <summary><c>txn_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>False for a transaction of a test key (counterparties screened against the sandbox list).</summary>
    public bool Livemode { get; init; }

    /// <summary>Your reference.</summary>
    public string? ReferenceId { get; init; }

    /// <summary>The payer's verification session, as given.</summary>
    public string? SessionId { get; init; }

    /// <summary>See <see cref="TransactionTypes"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The amount, in <see cref="Currency"/>.</summary>
    public decimal Amount { get; init; }

    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Who pays.</summary>
    public TransactionParty Sender { get; init; } = new();

    /// <summary>Who is paid.</summary>
    public TransactionParty Receiver { get; init; } = new();

    /// <summary>min(100, Σ the triggered rules' <c>score_impact</c>).</summary>
    public int RiskScore { get; init; }

    /// <summary><see cref="RiskLevels"/>: 0–25 low, 26–50 medium, 51–75 high, 76–100 critical.</summary>
    public string RiskLevel { get; init; } = "";

    /// <summary>See <see cref="TransactionRecommendations"/>; never changes.</summary>
    public string Recommendation { get; init; } = "";

    /// <summary>See <see cref="TransactionStatuses"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The flags of the rules that fired, in rule order (<c>cross_border_transfer</c>, <c>sanctioned_country</c>, …).</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>The rules that fired.</summary>
    public IReadOnlyList<TransactionRuleTriggered> RulesTriggered { get; init; } = [];

    /// <summary>Both names screened against the sanctions lists.</summary>
    public TransactionCounterpartyScreening CounterpartyScreening { get; init; } = new();

    /// <summary>What happened to it, in order: <c>screened</c>, then the status events and decisions.</summary>
    public IReadOnlyList<TransactionTimelineEntry> Timeline { get; init; } = [];

    /// <summary>The reviewer's decision, if any.</summary>
    public TransactionDecision? Decision { get; init; }

    /// <summary>When it was screened.</summary>
    public DateTimeOffset ScreenedAt { get; init; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A counterparty of a transaction.</summary>
public sealed class TransactionParty
{
    /// <summary>The name screened.</summary>
    public string Name { get; init; } = "";

    /// <summary>Account number, IBAN, card token or wallet address.</summary>
    public string? Account { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }
}

/// <summary>A built-in rule that fired on a transaction.</summary>
public sealed class TransactionRuleTriggered
{
    /// <summary><c>rule_amt_001</c>, <c>rule_xb_001</c>, ….</summary>
    public string RuleId { get; init; } = "";

    /// <summary>Its name.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public string Severity { get; init; } = "";

    /// <summary>What it added to the score.</summary>
    public int ScoreImpact { get; init; }
}

/// <summary>The screening of both counterparty names.</summary>
public sealed class TransactionCounterpartyScreening
{
    /// <summary>The sender's name.</summary>
    public TransactionNameScreening Sender { get; init; } = new();

    /// <summary>The receiver's name.</summary>
    public TransactionNameScreening Receiver { get; init; } = new();
}

/// <summary>One counterparty name against the sanctions lists.</summary>
public sealed class TransactionNameScreening
{
    /// <summary><c>clear</c> or <c>potential_match</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The best match's score, 0 when clear.</summary>
    public double HighestScore { get; init; }

    /// <summary>The AML screening stored for a matched name (<c>client.Aml.GetAsync</c>); null when clear.</summary>
    public string? ScreeningId { get; init; }
}

/// <summary>One event of a transaction's timeline.</summary>
public sealed class TransactionTimelineEntry
{
    /// <summary><c>screened</c>, <c>flagged</c>, <c>blocked</c>, <c>approved</c>, <c>escalated</c>, ….</summary>
    public string Event { get; init; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

/// <summary>A reviewer's decision on a transaction, as the transaction shows it.</summary>
public sealed class TransactionDecision
{
    /// <summary>See <see cref="TransactionDecisions"/>.</summary>
    public string Decision { get; init; } = "";

    /// <summary>The reason given.</summary>
    public string? Reason { get; init; }

    /// <summary>The deciding key's prefix or operator.</summary>
    public string DecidedBy { get; init; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset DecidedAt { get; init; }
}
