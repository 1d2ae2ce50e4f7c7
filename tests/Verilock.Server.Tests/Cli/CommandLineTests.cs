using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Cli;

/// <summary>The command-line contract, run as real processes of the built server (SQLite in a temp folder).</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("verilock-cli-").FullName;
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Verilock.Server.dll");

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private Task<(int Exit, string[] Lines, string Error)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <param name="input">Written to standard input, then closed; null leaves standard input empty.</param>
    private Task<(int Exit, string[] Lines, string Error)> RunWithInputAsync(string? input, params string[] args) =>
        RunWithAsync(input, new Dictionary<string, string>(), args);

    private Task<(int Exit, string[] Lines, string Error)> RunWithAsync(
        string? input, Dictionary<string, string> environment, params string[] args) => CliProcess.RunAsync(_dataDir, input, environment, args);

    [Theory]
    [InlineData("keys list --account acme")]
    [InlineData("serve --urls http://127.0.0.1:0")]
    public async Task Bad_settings_of_several_features_stop_a_command_with_every_problem_listed_and_no_database_made(string command)
    {
        var (exit, _, error) = await RunWithAsync(null, new Dictionary<string, string>
        {
            ["VERILOCK__WEBHOOKS__BATCHSIZE"] = "0",
            ["VERILOCK__MEDIA__STORE"] = "tape",
            ["VERILOCK__RATELIMIT__PERMITPERMINUTE"] = "-5",
        }, command.Split(' '));

        Assert.NotEqual(0, exit);
        Assert.Contains(
            "Verilock:RateLimit:PermitPerMinute must be 0 (off) or more.; Verilock:Webhooks:BatchSize must be between 1 and 1000.; " +
            "Verilock:Media:Store must be auto, disk or database.", error);
        Assert.False(File.Exists(Path.Combine(_dataDir, "verilock.db")));
    }

    [Fact]
    public async Task Keys_create_prints_the_key_last_and_serve_accepts_it()
    {
        var (exit, lines, error) = await RunAsync("keys", "create", "--account", "acme", "--mode", "live");
        Assert.True(exit == 0, error);
        var key = lines[^1].Trim();
        Assert.Matches("^qi_live_[0-9a-f]{48}$", key);

        var (listExit, listed, _) = await RunAsync("keys", "list", "--account", "acme");
        Assert.Equal(0, listExit);
        Assert.Contains(listed, line => line.StartsWith(key[..16]) && line.Contains("active"));
        Assert.DoesNotContain(listed, line => line.Contains(key[16..]));

        var port = FreePort();
        var serve = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ServerDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", _dataDir })
            serve.ArgumentList.Add(arg);
        // Offline lists: the server must never try the publishers' sites from a test.
        serve.Environment["VERILOCK__AML__LISTSDIRECTORY"] = TestLists.WriteSmallDirectory(Path.Combine(_dataDir, "lists"));
        // Readiness includes the models; ./verilock points the server at the repository's, as this does.
        serve.Environment["VERILOCK__CHECKS__MODELSDIRECTORY"] = Repository.Models;
        using var server = Process.Start(serve)!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Add("X-API-Key", key);
            var ready = false;
            for (var attempt = 0; attempt < 100 && !ready; attempt++)
            {
                try { ready = (await client.GetAsync("/readyz")).IsSuccessStatusCode; }
                catch (HttpRequestException) { }
                if (!ready)
                    await Task.Delay(200);
            }
            Assert.True(ready, "The server did not become ready.");
            var created = await (await client.PostJsonAsync("/api/v1/sessions", """{"steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created);
            Assert.True((bool)created["livemode"]!);

            var (revokeExit, _, _) = await RunAsync("keys", "revoke", key[..16]);
            Assert.Equal(0, revokeExit);
            var (again, _, notFound) = await RunAsync("keys", "revoke", key[..16]);
            Assert.Equal(1, again);
            Assert.Contains("No active key", notFound);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        var log = await server.StandardOutput.ReadToEndAsync() + await server.StandardError.ReadToEndAsync();
        Assert.DoesNotContain(key, log);
    }

    [Fact]
    public async Task Keys_revoke_refuses_a_partial_prefix_and_scopes_to_the_account_given()
    {
        var (exit, lines, error) = await RunAsync("keys", "create", "--account", "acme");
        Assert.True(exit == 0, error);
        var prefix = lines[^1].Trim()[..16];
        Assert.Equal(0, (await RunAsync("keys", "create", "--account", "globex")).Exit);

        var (partialExit, _, partial) = await RunAsync("keys", "revoke", prefix[..10]);
        Assert.Equal(2, partialExit);
        Assert.Contains("Give the key's whole 16-character prefix as `keys list` shows it (e.g. qi_test_a1b2c3d4); nothing was revoked.", partial);
        var (otherExit, _, other) = await RunAsync("keys", "revoke", prefix, "--account", "globex");
        Assert.Equal(1, otherExit);
        Assert.Contains("No active key of that account has that prefix.", other);
        Assert.Contains((await RunAsync("keys", "list", "--account", "acme")).Lines, line => line.StartsWith(prefix) && line.Contains("active"));

        var (revokeExit, revoked, _) = await RunAsync("keys", "revoke", prefix, "--account", "acme");
        Assert.Equal(0, revokeExit);
        Assert.Equal("Revoked.", revoked[^1].Trim());
        Assert.Contains((await RunAsync("keys", "list", "--account", "acme")).Lines, line => line.StartsWith(prefix) && line.Contains("revoked"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_is_closed_to_other_users_and_key_files_are_owner_only()
    {
        // A folder an operator created open to everyone (mode 0755) is closed on first use.
        File.SetUnixFileMode(_dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var (exit, _, error) = await RunAsync("keys", "create", "--account", "acme", "--mode", "live");
        Assert.True(exit == 0, error);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dataDir));
        var keyFiles = Directory.GetFiles(_dataDir, "*.key");
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    [Fact]
    public async Task Profiles_create_validates_the_file_and_prints_the_id_last()
    {
        var good = Path.Combine(_dataDir, "good.json");
        await File.WriteAllTextAsync(good, """{"steps":["document","selfie","face_match"],"document_types":["passport"]}""");
        var (exit, lines, error) = await RunAsync("profiles", "create", "--account", "acme", "--file", good);
        Assert.True(exit == 0, error);
        Assert.True(Guid.TryParse(lines[^1].Trim(), out _), lines[^1]);
        Assert.Contains("Created test profile for account 'acme':", lines);
        var (liveExit, liveLines, liveError) = await RunAsync("profiles", "create", "--account", "acme", "--file", good, "--mode", "live", "--name", "Live");
        Assert.True(liveExit == 0, liveError);
        Assert.Contains("Created live profile for account 'acme':", liveLines);
        var (badMode, _, _) = await RunAsync("profiles", "create", "--account", "acme", "--file", good, "--mode", "sandbox");
        Assert.NotEqual(0, badMode);

        var bad = Path.Combine(_dataDir, "bad.json");
        await File.WriteAllTextAsync(bad, """{"steps":["face_match"],"liveness_threshold":500}""");
        var (badExit, _, badError) = await RunAsync("profiles", "create", "--account", "acme", "--file", bad);
        Assert.Equal(2, badExit);
        Assert.Contains("liveness_threshold", badError);
        Assert.Contains("face_match", badError);
    }

    [Fact]
    public async Task Operators_create_takes_the_password_from_stdin_or_prints_a_generated_one_once()
    {
        var (exit, lines, error) = await RunWithInputAsync("a long enough password", "operators", "create", "--account", "acme", "--email", "Ops@Example.com");
        Assert.True(exit == 0, error);
        Assert.Contains(lines, line => line.Contains("ops@example.com") && line.Contains("op_"));
        Assert.DoesNotContain(lines, line => line.Contains("a long enough password"));

        var (duplicate, _, duplicateError) = await RunWithInputAsync("another long password", "operators", "create", "--account", "acme", "--email", "ops@example.com");
        Assert.Equal(1, duplicate);
        Assert.Contains("already exists", duplicateError);

        var (shortExit, _, shortError) = await RunWithInputAsync("short", "operators", "create", "--account", "acme", "--email", "second@example.com");
        Assert.Equal(2, shortExit);
        Assert.Contains("at least 12 characters", shortError);

        var (generatedExit, generated, _) = await RunWithInputAsync(null, "operators", "create", "--account", "acme", "--email", "third@example.com");
        Assert.Equal(0, generatedExit);
        Assert.Matches("^[A-Za-z0-9_-]{24}$", generated[^1].Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
