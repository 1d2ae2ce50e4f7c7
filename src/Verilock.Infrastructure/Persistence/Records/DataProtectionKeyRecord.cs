namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>One key of ASP.NET Core's data-protection key ring (the dashboard's cookies), as encrypted XML.</summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }
    public string? FriendlyName { get; init; }
    public required string Xml { get; init; }
}
