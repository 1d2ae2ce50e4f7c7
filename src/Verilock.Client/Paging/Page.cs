namespace Verilock.Client;

/// <summary>One page of a list (spec §6): <c>{"data":[…],"meta":{…}}</c>, newest first.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T> : VerilockEntity
{
    /// <summary>The items of this page; empty past the last page.</summary>
    public IReadOnlyList<T> Data { get; init; } = [];

    /// <summary>Where this page is in the whole list.</summary>
    public PageMeta Meta { get; init; } = new();
}
