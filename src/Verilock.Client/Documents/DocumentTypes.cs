namespace Verilock.Client;

/// <summary>Identity document types (spec §8.4).</summary>
public static class DocumentTypes
{
    /// <summary>Passport (front only).</summary>
    public const string Passport = "passport";

    /// <summary>National identity card (front and back).</summary>
    public const string IdCard = "id_card";

    /// <summary>Driving licence (front and back).</summary>
    public const string DrivingLicense = "driving_license";

    /// <summary>Residence permit.</summary>
    public const string ResidencePermit = "residence_permit";
}
