namespace Verilock.Domain.Sessions;

/// <summary>What the integrator told us about the person; every field may be unknown.</summary>
public sealed record Applicant(
    string? FirstName,
    string? LastName,
    string? Email,
    DateOnly? DateOfBirth,
    string? Nationality)
{
    public static Applicant Empty { get; } = new(null, null, null, null, null);

    public bool HasFullName => !string.IsNullOrWhiteSpace(FirstName) && !string.IsNullOrWhiteSpace(LastName);
}
