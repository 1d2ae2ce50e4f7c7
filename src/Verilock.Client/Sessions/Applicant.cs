namespace Verilock.Client;

/// <summary>The applicant of a session. In list items only the names and email are filled.</summary>
public sealed class Applicant
{
    /// <summary>Given name(s).</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Email address.</summary>
    public string? Email { get; init; }

    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Nationality { get; init; }
}
