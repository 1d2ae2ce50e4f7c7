namespace Verilock.Domain.Mrz;

/// <summary>Whether what the applicant told us agrees with the document; null where either side has no value.</summary>
public sealed record DataConsistency(bool? NameMatch, bool? DobMatch, bool? NationalityMatch);
