namespace Verilock.Client.Http;

/// <summary>Builds request paths from ids a caller passes, so an id can never change the path it is put in.</summary>
internal static class ApiPath
{
    public static string Of(string collection, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return collection + "/" + Uri.EscapeDataString(id);
    }
}
