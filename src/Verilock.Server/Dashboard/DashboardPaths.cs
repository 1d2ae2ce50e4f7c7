namespace Verilock.Server.Dashboard;

/// <summary>The dashboard's URLs, in one place for the cookie settings, the pipeline and the pages' links.</summary>
public static class DashboardPaths
{
    public const string Root = "/dashboard";
    public const string Login = "/dashboard/login";
    public const string Logout = "/dashboard/logout";
    public const string Assets = "/dashboard/assets";
    public const string Sessions = "/dashboard/sessions";

    public static bool IsDashboard(HttpContext context) => context.Request.Path.StartsWithSegments(Root);

    public static string Session(string id) => $"{Sessions}/{Uri.EscapeDataString(id)}";

    public static string SessionMedia(string id, string kind) => $"{Session(id)}/media/{kind}";

    public static string Transaction(string id) => $"/dashboard/transactions/{Uri.EscapeDataString(id)}";

    public static string Screening(string id) => $"/dashboard/aml/{Uri.EscapeDataString(id)}";

    /// <summary>Only local dashboard paths are followed after a form, so a crafted link cannot send an operator elsewhere.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith(Root, StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\')
            ? returnUrl
            : Sessions;
}
