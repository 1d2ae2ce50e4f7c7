namespace Verilock.Client;

/// <summary>What a screening searched for.</summary>
public sealed class AmlQuery
{
    /// <summary>The full name, when given.</summary>
    public string? FullName { get; init; }

    /// <summary>Given name(s).</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>ISO alpha-2.</summary>
    public string? Nationality { get; init; }
}
