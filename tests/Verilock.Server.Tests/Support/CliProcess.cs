using System.Diagnostics;

namespace Verilock.Server.Tests.Support;

/// <summary>Runs the built server's command line as a real process, as an administrator would.</summary>
public static class CliProcess
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Verilock.Server.dll");

    /// <param name="input">Written to standard input, then closed; null leaves standard input empty.</param>
    public static async Task<(int Exit, string[] Lines, string Error)> RunAsync(
        string dataDir, string? input, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.ArgumentList.Add(ServerDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDir);
        using var process = Process.Start(start)!;
        if (input is not null)
            await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        return (process.ExitCode, (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), await error);
    }

    /// <summary>The same against a running test server's database and data folder (SQLite file or PostgreSQL).</summary>
    public static Task<(int Exit, string[] Lines, string Error)> RunAgainstAsync(ApiFixture api, string? input, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["VERILOCK__DATABASE__PROVIDER"] = api.Database.Provider };
        if (api.Database.ConnectionString is { } connection)
            environment["VERILOCK__DATABASE__CONNECTIONSTRING"] = connection;
        return RunAsync(api.Database.DataDirectory, input, environment, args);
    }
}
