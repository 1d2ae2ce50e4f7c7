namespace Verilock.Checks.Samples;

/// <summary>The repository the tests and benchmarks run from (the folder holding <c>Verilock.sln</c> above the build output).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The models <c>scripts/setup</c> fetched (./test.sh runs it first).</summary>
    public static string Models => Path.Combine(Root, "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verilock.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Verilock.sln above {AppContext.BaseDirectory}: run from the repository's build output.");
    }
}
