namespace Verilock.Screening.Evaluation;

/// <summary>
/// Finds the read-only real data (<c>../shared/data</c> beside the repository) by walking up from a
/// folder to the one holding <c>Verilock.sln</c>. Absent on machines without the shared folder.
/// </summary>
public static class SharedData
{
    /// <summary>The <c>shared/data</c> folder, or null when it is not there.</summary>
    public static string? Find(string? startDirectory = null)
    {
        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Verilock.sln")))
                continue;
            var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            return Directory.Exists(data) ? data : null;
        }
        return null;
    }

    public static string Sanctions(string data) => Path.Combine(data, "sanctions");

    public static string EvalFile(string data, string name) => Path.Combine(data, "aml-eval", name);
}
