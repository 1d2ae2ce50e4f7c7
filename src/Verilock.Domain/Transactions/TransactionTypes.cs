namespace Verilock.Domain.Transactions;

/// <summary>One entry of <c>GET /transactions/types</c> (spec §19): a payment type and the risk factors screened for it.</summary>
public sealed record TransactionType(string Id, string Name, string Description, IReadOnlyList<string> RiskFactors);

/// <summary>The catalogue of spec §19: exactly these five types, in this order.</summary>
public static class TransactionTypes
{
    public const string WireTransfer = "wire_transfer";
    public const string CardPayment = "card_payment";
    public const string CryptoTransfer = "crypto_transfer";
    public const string AchTransfer = "ach_transfer";
    public const string P2pPayment = "p2p_payment";

    public static readonly IReadOnlyList<TransactionType> All =
    [
        new(WireTransfer, "Wire transfer", "A bank-to-bank transfer, domestic or international.",
            ["amount", "cross_border", "sanctioned_country"]),
        new(CardPayment, "Card payment", "A debit or credit card payment to a merchant.",
            ["amount", "velocity", "merchant_category"]),
        new(CryptoTransfer, "Crypto transfer", "A transfer of crypto-assets between wallets.",
            ["amount", "wallet_risk", "mixer_usage"]),
        new(AchTransfer, "ACH transfer", "An automated clearing house credit or debit.",
            ["amount", "frequency", "new_recipient"]),
        new(P2pPayment, "P2P payment", "A person-to-person payment between two accounts.",
            ["amount", "cross_border", "recipient_risk"]),
    ];

    public static readonly IReadOnlyList<string> Ids = All.Select(t => t.Id).ToList();

    public static TransactionType? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    public static bool Has(string type, string factor) => Find(type)?.RiskFactors.Contains(factor) == true;
}
