namespace Verilock.Server.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root => Verilock.Checks.Samples.RepositoryPaths.Root;

    /// <summary>The models <c>scripts/setup</c> fetched (./test.sh runs it first).</summary>
    public static string Models => Verilock.Checks.Samples.RepositoryPaths.Models;
}
