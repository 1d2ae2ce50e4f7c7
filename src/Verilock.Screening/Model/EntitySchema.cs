namespace Verilock.Screening.Model;

/// <summary>What kind of thing a list entry is; the wire names are <see cref="EntitySchemaNames"/>.</summary>
public enum EntitySchema
{
    Person,
    Organization,
    Vessel,
    Aircraft,
}

public static class EntitySchemaNames
{
    /// <summary>The spec's <c>schema</c> value: <c>person</c>, <c>organization</c>, <c>vessel</c>, <c>aircraft</c>.</summary>
    public static string ToWireName(this EntitySchema schema) => schema switch
    {
        EntitySchema.Person => "person",
        EntitySchema.Organization => "organization",
        EntitySchema.Vessel => "vessel",
        _ => "aircraft",
    };
}
