namespace Verilock.Client;

/// <summary>The applicant of a new session; every field is optional.</summary>
public sealed class ApplicantOptions
{
    /// <summary>Given name(s), ≤ 100 chars.</summary>
    public string? FirstName { get; set; }

    /// <summary>Family name, ≤ 100 chars. With a test key it picks the sandbox outcome (spec §2.2: <c>DECLINE</c>, <c>REVIEW</c>…).</summary>
    public string? LastName { get; set; }

    /// <summary>A valid email address.</summary>
    public string? Email { get; set; }

    /// <summary><c>YYYY-MM-DD</c>, in the past.</summary>
    public string? DateOfBirth { get; set; }

    /// <summary>ISO alpha-2 or alpha-3, or an English country name; stored as alpha-2.</summary>
    public string? Nationality { get; set; }
}
