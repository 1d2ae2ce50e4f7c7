namespace Verilock.Screening.Model;

/// <summary>An identity document or registration number listed for an entry (passport, national id, IMO…).</summary>
/// <param name="Type">The publisher's wording, e.g. "Passport", "National Identification Number".</param>
/// <param name="Country">ISO 3166-1 alpha-2 of the issuing country when the publisher names one we recognise.</param>
public sealed record EntityIdentifier(string Type, string Value, string? Country);
