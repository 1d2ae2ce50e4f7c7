namespace Verilock.Client;

/// <summary>The body of <c>POST /aml/screen</c> (spec §11.1): <see cref="FullName"/> or <see cref="LastName"/> is required.</summary>
public sealed class AmlScreenOptions
{
    /// <summary>The name as one string (wins over the parts); searches every kind of entity.</summary>
    public string? FullName { get; set; }

    /// <summary>Given name(s) (≤ 100 chars); with it only persons are searched.</summary>
    public string? FirstName { get; set; }

    /// <summary>Family name (≤ 100 chars).</summary>
    public string? LastName { get; set; }

    /// <summary><c>YYYY-MM-DD</c>: an exact match adds to the score, a distant year lowers it.</summary>
    public string? DateOfBirth { get; set; }

    /// <summary>ISO alpha-2/alpha-3 or an English country name: a different one lowers the score.</summary>
    public string? Nationality { get; set; }

    /// <summary>Your reference.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>List ids of <see cref="AmlService.GetListsAsync"/> (default all).</summary>
    public IReadOnlyList<string>? Lists { get; set; }

    /// <summary>0.50–1.00 (default: the account's, 0.80).</summary>
    public double? Threshold { get; set; }

    /// <summary>Re-screen when the lists change (default false).</summary>
    public bool? MonitoringEnabled { get; set; }

    /// <summary><c>daily</c> (default) or <c>weekly</c>.</summary>
    public string? MonitoringFrequency { get; set; }
}
