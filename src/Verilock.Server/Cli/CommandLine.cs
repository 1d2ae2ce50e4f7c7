using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Security;
using Verilock.Server.Accounts;
using Verilock.Server.Api;
using Verilock.Server.Dashboard;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Hosting;
using Verilock.Server.Profiles;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Cli;

/// <summary>
/// The command-line contract other tools rely on: <c>serve</c>, <c>keys create|list|revoke</c>,
/// <c>profiles create</c>, <c>operators create|disable|enable|password</c> (<see cref="OperatorCommands"/>),
/// <c>webhooks trigger</c> (<see cref="WebhookTriggerCommand"/>), and the operations commands <c>migrate</c>, <c>backup</c>,
/// <c>lists refresh</c> (<see cref="MigrateCommand"/>, <see cref="BackupCommand"/>, <see cref="ListsCommand"/>), <c>openapi</c> (<see cref="OpenApiCommand"/>). Secrets go to stdout only (the new key is the last line), never to logs.
/// </summary>
public static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Data folder (default ./data, or VERILOCK_DATA_DIR)", Recursive = true };
        var root = new RootCommand("Verilock identity-verification server") { Options = { dataDir } };
        root.Subcommands.Add(Serve(dataDir));
        root.Subcommands.Add(Keys(dataDir));
        root.Subcommands.Add(Profiles(dataDir));
        root.Subcommands.Add(Operators(dataDir));
        root.Subcommands.Add(WebhookTriggerCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create(dataDir));
        root.Subcommands.Add(BackupCommand.Create(dataDir));
        root.Subcommands.Add(ListsCommand.Create(dataDir));
        root.Subcommands.Add(OpenApiCommand.Create());
        return root.Parse(args).InvokeAsync();
    }

    private static Command Serve(Option<string?> dataDir)
    {
        var urls = new Option<string>("--urls") { Description = "Listen address(es), ';'-separated", DefaultValueFactory = _ => VerilockHost.DefaultUrl };
        var serve = new Command("serve", "Run the server") { Options = { urls } };
        serve.SetAction(async (parsed, cancellationToken) =>
        {
            // As the host's own --urls setting, so start-up validation knows where the server will listen.
            var app = VerilockHost.Build(["--urls", parsed.GetValue(urls)!], parsed.GetValue(dataDir));
            string? firstKey;
            try
            {
                firstKey = await VerilockHost.InitialiseAsync(app, cancellationToken);
            }
            catch (StartupRefusedException refused)
            {
                await Console.Error.WriteLineAsync(refused.Message);
                return 1;
            }
            if (firstKey is not null)
            {
                Console.WriteLine($"Created account '{AccountAdministration.DefaultAccountName}' with a test API key (shown once, store it now):");
                Console.WriteLine(firstKey);
            }
            await app.RunAsync();
            return 0;
        });
        return serve;
    }

    private static Command Keys(Option<string?> dataDir)
    {
        var account = new Option<string>("--account") { Description = "Account name (created if missing)", Required = true };
        var mode = new Option<string>("--mode") { Description = "test or live", DefaultValueFactory = _ => "test" };
        mode.AcceptOnlyFromAmong("test", "live");
        var rateLimit = new Option<int?>("--rate-limit") { Description = "Requests per minute for this key (default: the server's)" };
        var create = new Command("create", "Create an API key; the key alone is the last line of output")
        {
            Options = { account, mode, rateLimit },
        };
        create.SetAction(async (parsed, cancellationToken) =>
        {
            var limit = parsed.GetValue(rateLimit);
            if (limit is < 0)
            {
                await Console.Error.WriteLineAsync("--rate-limit must be 0 or more.");
                return 2;
            }
            return await WithAdministrationAsync(parsed.GetValue(dataDir), async admin =>
            {
                var (key, secret, webhookSecret) = await admin.CreateKeyWithWebhookSecretAsync(
                    parsed.GetValue(account)!, parsed.GetValue(mode) == "live", limit, cancellationToken);
                if (webhookSecret is not null)
                {
                    Console.WriteLine($"Issued the account's {(key.LiveMode ? "live" : "test")} default webhook secret, which signs deliveries to sessions' webhook_url. It is shown once:");
                    Console.WriteLine(webhookSecret);
                }
                Console.WriteLine($"Created {(key.LiveMode ? "live" : "test")} key {key.Prefix}… for account '{parsed.GetValue(account)}'. It is shown once:");
                Console.WriteLine(secret);
                return 0;
            });
        });

        var listAccount = new Option<string>("--account") { Description = "Account name", Required = true };
        var list = new Command("list", "List an account's keys (prefixes only)") { Options = { listAccount } };
        list.SetAction((parsed, cancellationToken) => WithAdministrationAsync(parsed.GetValue(dataDir), async admin =>
        {
            foreach (var key in await admin.ListKeysAsync(parsed.GetValue(listAccount)!, cancellationToken))
            {
                var state = key.RevokedAt is null ? "active" : $"revoked {ApiJsonFormat(key.RevokedAt.Value)}";
                var lastUsed = key.LastUsedAt is null ? "never used" : $"last used {ApiJsonFormat(key.LastUsedAt.Value)}";
                Console.WriteLine($"{key.Prefix}  {(key.LiveMode ? "live" : "test")}  created {ApiJsonFormat(key.CreatedAt)}  {lastUsed}  {state}");
            }
            return 0;
        }));

        var prefix = new Argument<string>("prefix") { Description = "The key's whole 16-character prefix, e.g. qi_test_a1b2c3d4" };
        var revokeAccount = new Option<string?>("--account") { Description = "Only revoke a key of this account" };
        var revoke = new Command("revoke", "Revoke a key (running servers refuse it within 10 seconds)") { Arguments = { prefix }, Options = { revokeAccount } };
        revoke.SetAction((parsed, cancellationToken) => WithAdministrationAsync(parsed.GetValue(dataDir), async admin =>
        {
            switch (await admin.RevokeKeyAsync(parsed.GetValue(prefix)!, parsed.GetValue(revokeAccount), cancellationToken))
            {
                case AccountAdministration.PrefixRevocation.Revoked:
                    Console.WriteLine("Revoked.");
                    return 0;
                case AccountAdministration.PrefixRevocation.NotAWholePrefix:
                    await Console.Error.WriteLineAsync(
                        $"Give the key's whole {Domain.Accounts.ApiKey.PrefixLength}-character prefix as `keys list` shows it (e.g. qi_test_a1b2c3d4); nothing was revoked.");
                    return 2;
                default:
                    await Console.Error.WriteLineAsync(parsed.GetValue(revokeAccount) is null
                        ? "No active key has that prefix."
                        : "No active key of that account has that prefix.");
                    return 1;
            }
        }));

        return new Command("keys", "Manage API keys") { Subcommands = { create, list, revoke, RotateMasterCommand.Create(dataDir) } };
    }

    private static Command Profiles(Option<string?> dataDir)
    {
        var account = new Option<string>("--account") { Description = "Account name (created if missing)", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "Profile JSON (keys of the API's inline profile)", Required = true };
        var name = new Option<string?>("--name") { Description = "A label for operators" };
        var mode = new Option<string>("--mode") { Description = "test or live: the keys that may use it", DefaultValueFactory = _ => "test" };
        mode.AcceptOnlyFromAmong("test", "live");
        var create = new Command("create", "Create a verification profile; its id is the last line of output")
        {
            Options = { account, file, name, mode },
        };
        create.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"No such file: {path.FullName}");
                return 2;
            }
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path.FullName, cancellationToken));
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                await Console.Error.WriteLineAsync($"{path.Name} is not valid JSON: {ex.Message}");
                return 2;
            }
            var errors = new ValidationErrors();
            var settings = root.ValueKind == JsonValueKind.Object ? ProfileReader.Read(new JsonFields(root, errors)) : null;
            if (settings is null)
            {
                await Console.Error.WriteLineAsync(root.ValueKind == JsonValueKind.Object
                    ? $"The profile is invalid:{Environment.NewLine}{errors.Describe()}"
                    : "The profile must be a JSON object.");
                return 2;
            }
            return await WithAdministrationAsync(parsed.GetValue(dataDir), async admin =>
            {
                var live = parsed.GetValue(mode) == "live";
                var profile = await admin.CreateProfileAsync(parsed.GetValue(account)!, live, parsed.GetValue(name), settings, cancellationToken);
                Console.WriteLine($"Created {(live ? "live" : "test")} profile for account '{parsed.GetValue(account)}':");
                Console.WriteLine(profile.Id.ToString("D"));
                return 0;
            });
        });
        return new Command("profiles", "Manage verification profiles") { Subcommands = { create } };
    }

    private static Command Operators(Option<string?> dataDir)
    {
        var account = new Option<string>("--account") { Description = "Account name (created if missing)", Required = true };
        var email = new Option<string>("--email") { Description = "The operator's sign-in email", Required = true };
        var create = new Command("create",
            "Create a dashboard operator. The password is read from standard input; with none, one is generated and printed once (last line)")
        {
            Options = { account, email },
        };
        create.SetAction(async (parsed, cancellationToken) =>
        {
            var given = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r') : null;
            var generated = string.IsNullOrEmpty(given);
            var password = generated ? OperatorAdministration.GeneratePassword() : given!;
            if (OperatorAdministration.Problem(parsed.GetValue(email)!, password) is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }
            return await WithServicesAsync(parsed.GetValue(dataDir), async services =>
            {
                var op = await services.GetRequiredService<OperatorAdministration>()
                    .CreateAsync(parsed.GetValue(account)!, parsed.GetValue(email)!, password, cancellationToken);
                if (op is null)
                {
                    await Console.Error.WriteLineAsync("An operator with that email already exists.");
                    return 1;
                }
                Console.WriteLine($"Created operator {op.Email} ({op.DisplayId}) for account '{parsed.GetValue(account)}'. Sign in at /dashboard.");
                if (generated)
                {
                    Console.WriteLine("Generated password (shown once, store it now):");
                    Console.WriteLine(password);
                }
                return 0;
            });
        });
        return new Command("operators", "Manage dashboard operators")
        {
            Subcommands = { create, OperatorCommands.Disable(dataDir), OperatorCommands.Enable(dataDir), OperatorCommands.Password(dataDir) },
        };
    }

    private static string ApiJsonFormat(DateTime value) => Infrastructure.Serialization.ApiJson.FormatInstant(value);

    /// <summary>Runs an administration task against the configured database (migrated first), without the web server.</summary>
    private static Task<int> WithAdministrationAsync(string? dataDir, Func<AccountAdministration, Task<int>> task) =>
        WithServicesAsync(dataDir, services => task(services.GetRequiredService<AccountAdministration>()));

    /// <param name="addServices">Services a command needs beyond administration's.</param>
    /// <param name="prepareDatabase">
    /// Migrate first (or, with <c>Verilock:Database:MigrateAtStartup</c> off, refuse an outdated schema); off for the
    /// commands that migrate themselves or never touch the schema.
    /// </param>
    internal static async Task<int> WithServicesAsync(
        string? dataDir, Func<IServiceProvider, Task<int>> task, Action<IServiceCollection>? addServices = null, bool prepareDatabase = true)
    {
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        configuration.AddEnvironmentVariables();
        VerilockConfiguration.ApplyDataDirectory(configuration, dataDir);

        var services = new ServiceCollection();
        services.AddVerilockOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddVerilockDatabase(VerilockConfiguration.DataDirectory(configuration));
        services.AddWebhookSecrets();
        services.AddScoped<AccountAdministration>();
        services.AddOperators();
        addServices?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        // Every feature's settings, as the server checks them: a bad one stops the command, all listed.
        VerilockConfiguration.ValidateAll(provider);
        OwnerOnlyFolder.CreateAndClose(VerilockConfiguration.DataDirectory(configuration));
        await using var scope = provider.CreateAsyncScope();
        if (prepareDatabase)
        {
            try
            {
                await DatabaseMigrator.PrepareAsync(scope.ServiceProvider.GetRequiredService<VerilockDbContext>(),
                    provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateAtStartup, CancellationToken.None);
            }
            catch (StartupRefusedException refused)
            {
                await Console.Error.WriteLineAsync(refused.Message);
                return 1;
            }
        }
        return await task(scope.ServiceProvider);
    }
}
