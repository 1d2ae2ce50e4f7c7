namespace Verilock.Client;

/// <summary>The body of <c>GET /aml/lists</c>: <c>{"data":[…]}</c>, not paged.</summary>
internal sealed class AmlListCollection : VerilockEntity
{
    public IReadOnlyList<AmlList> Data { get; init; } = [];
}
