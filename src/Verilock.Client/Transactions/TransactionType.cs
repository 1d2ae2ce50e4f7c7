namespace Verilock.Client;

/// <summary>A transaction type and the risk factors screened for it (<c>GET /transactions/types</c>).</summary>
public sealed class TransactionType
{
    /// <summary>See <see cref="TransactionTypes"/>.</summary>
    public string Id { get; init; } = "";

    /// <summary>E.g. "Wire transfer".</summary>
    public string Name { get; init; } = "";

    /// <summary>A sentence on what it is.</summary>
    public string Description { get; init; } = "";

    /// <summary>The rules that apply besides those every type gets: <c>amount</c>, <c>cross_border</c>, <c>velocity</c>, ….</summary>
    public IReadOnlyList<string> RiskFactors { get; init; } = [];
}

/// <summary>The body of <c>GET /transactions/types</c>: <c>{"data":[…]}</c>, not paged.</summary>
internal sealed class TransactionTypeCollection : VerilockEntity
{
    public IReadOnlyList<TransactionType> Data { get; init; } = [];
}
