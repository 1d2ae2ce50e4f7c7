using System.Reflection;

namespace Verilock.Server.Hosting;

/// <summary>
/// The server's version, from the repository's <c>VERSION</c> file through the build (<c>Directory.Build.props</c>):
/// <c>verilock --version</c>, <c>/healthz</c> and the webhooks' <c>User-Agent</c> show the same one.
/// </summary>
public static class VerilockVersion
{
    public static string Current { get; } =
        typeof(VerilockVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
