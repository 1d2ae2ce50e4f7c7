using System.CommandLine;
using Verilock.Server.Dashboard.Operators;

namespace Verilock.Server.Cli;

/// <summary>
/// <c>operators disable|enable|password --account A --email E</c>: for operators who leave, return, or need a new
/// password. Disabling and a new password end the operator's open dashboard sessions within seconds. Exit codes:
/// 0 done, 1 no such account or operator, 2 unusable input (a password that breaks the rules, or none).
/// </summary>
public static class OperatorCommands
{
    public static Command Disable(Option<string?> dataDir) => Change(dataDir, "disable",
        "Disable an operator: they cannot sign in and their open dashboard sessions end within seconds",
        (admin, account, email, ct) => admin.SetDisabledAsync(account, email, disabled: true, ct), "Disabled");

    public static Command Enable(Option<string?> dataDir) => Change(dataDir, "enable",
        "Enable a disabled operator again (they sign in anew)",
        (admin, account, email, ct) => admin.SetDisabledAsync(account, email, disabled: false, ct), "Enabled");

    public static Command Password(Option<string?> dataDir)
    {
        var (account, email) = Target();
        var command = new Command("password",
            "Set an operator's password, read from standard input (never the command line); their open dashboard sessions end")
        {
            Options = { account, email },
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // A password on the command line would be in the shell history and in every process listing.
            var password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r') : null;
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("Give the new password on standard input, e.g. read -rs P && printf '%s\\n' \"$P\" | verilock operators password ….");
                return 2;
            }
            if (OperatorAdministration.PasswordProblem(password) is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }
            return await RunAsync(parsed.GetValue(dataDir), parsed.GetValue(account)!, parsed.GetValue(email)!,
                (admin, a, e, ct) => admin.ChangePasswordAsync(a, e, password, ct), "Changed the password of", cancellationToken);
        });
        return command;
    }

    private static (Option<string> Account, Option<string> Email) Target() => (
        new Option<string>("--account") { Description = "The operator's account name", Required = true },
        new Option<string>("--email") { Description = "The operator's sign-in email", Required = true });

    private static Command Change(Option<string?> dataDir, string name, string description,
        Func<OperatorAdministration, string, string, CancellationToken, Task<OperatorChange>> change, string done)
    {
        var (account, email) = Target();
        var command = new Command(name, description) { Options = { account, email } };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(parsed.GetValue(dataDir), parsed.GetValue(account)!, parsed.GetValue(email)!, change, done, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(string? dataDir, string account, string email,
        Func<OperatorAdministration, string, string, CancellationToken, Task<OperatorChange>> change, string done, CancellationToken cancellationToken) =>
        CommandLine.WithServicesAsync(dataDir, async services =>
        {
            var outcome = await change(services.GetRequiredService<OperatorAdministration>(), account, email, cancellationToken);
            switch (outcome)
            {
                case OperatorChange.NoSuchAccount:
                    await Console.Error.WriteLineAsync($"No account is named '{account}'.");
                    return 1;
                case OperatorChange.NoSuchOperator:
                    await Console.Error.WriteLineAsync($"Account '{account}' has no operator with that email.");
                    return 1;
                default:
                    Console.WriteLine($"{done} operator {Domain.Operators.Operator.NormaliseEmail(email)} of account '{account}'.");
                    return 0;
            }
        });
}
