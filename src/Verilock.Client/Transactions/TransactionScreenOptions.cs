namespace Verilock.Client;

/// <summary>The body of <c>POST /transactions/screen</c>, or one item of a batch (spec §19).</summary>
public sealed class TransactionScreenOptions
{
    /// <summary>Required: see <see cref="TransactionTypes"/>.</summary>
    public string? Type { get; set; }

    /// <summary>Required: &gt; 0.</summary>
    public decimal? Amount { get; set; }

    /// <summary>Required: an ISO 4217 code, any case.</summary>
    public string? Currency { get; set; }

    /// <summary>Required: who pays.</summary>
    public TransactionPartyOptions? Sender { get; set; }

    /// <summary>Required: who is paid.</summary>
    public TransactionPartyOptions? Receiver { get; set; }

    /// <summary>Your id, up to 255 characters (a list filter).</summary>
    public string? ReferenceId { get; set; }

    /// <summary>The payer's verification session (a list filter; the events also reach its <c>webhook_url</c>).</summary>
    public string? SessionId { get; set; }

    /// <summary>When the payment happened (default now; at most 5 minutes ahead of the server's clock). The velocity windows end at it.</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>
    /// Up to 50 keys with string, number, boolean or null values. The per-type signals are read from it:
    /// <c>merchant_category</c>, <c>wallet_risk_score</c>, <c>mixer_usage</c>, <c>recipient_risk_score</c>.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; set; }
}

/// <summary>A counterparty to send.</summary>
public sealed class TransactionPartyOptions
{
    /// <summary>Required: 1–200 characters; screened against the sanctions lists.</summary>
    public string? Name { get; set; }

    /// <summary>Up to 100 characters: account number, IBAN, card token or wallet address (velocity and new-recipient rules use it).</summary>
    public string? Account { get; set; }

    /// <summary>ISO 3166-1 alpha-2 or alpha-3, or an English name.</summary>
    public string? Country { get; set; }
}
