using System.CommandLine;
using Verilock.Infrastructure.Security;
using Verilock.Server.Dashboard;
using Verilock.Server.Media;
using Verilock.Server.Operations;

namespace Verilock.Server.Cli;

/// <summary>
/// <c>keys rotate-master --which media|webhooks|dashboard</c>: a new master key becomes current and everything the
/// database holds under the older ones is re-wrapped (<see cref="MasterKeyRotation"/>), while servers keep running.
/// </summary>
public static class RotateMasterCommand
{
    public static Command Create(Option<string?> dataDir)
    {
        var which = new Option<string>("--which") { Description = "The master key to replace: media, webhooks or dashboard", Required = true };
        which.AcceptOnlyFromAmong("media", "webhooks", "dashboard");
        var command = new Command("rotate-master",
            "Make a new master key current and re-wrap what the database holds under older ones; running servers pick it up within seconds")
        {
            Options = { which },
        };
        command.SetAction((parsed, cancellationToken) => CommandLine.WithServicesAsync(parsed.GetValue(dataDir), async services =>
        {
            _ = MasterKeyRotation.TryParse(parsed.GetValue(which)!, out var target);
            var rotation = services.GetRequiredService<MasterKeyRotation>();
            // Twice the servers' refresh interval: by then every running server encrypts with the new key.
            var settle = MasterKeyRing.RefreshInterval * 2;
            Console.WriteLine($"Making a new {parsed.GetValue(which)} master key current; waiting {settle.TotalSeconds:0} s for running servers to pick it up before re-wrapping…");
            var outcome = await rotation.RotateAsync(target, settle, cancellationToken);
            var left = await rotation.CountNotUnderCurrentAsync(target, cancellationToken);
            Console.WriteLine($"Master key {outcome.NewKeyId} is current; re-wrapped {outcome.Rewrapped} stored value(s); {left} left under older keys.");
            Console.WriteLine($"Older key files kept (ids {string.Join(", ", outcome.KeptKeyIds)}): they still open backups and media written before key ids."
                + " Copy the new key file to every server host that does not share this data folder.");
            return left == 0 ? 0 : 1;
        }, AddServices));
        return command;
    }

    private static void AddServices(IServiceCollection services)
    {
        services.AddMedia();
        services.AddKeyRingCipher();
        services.AddScoped<MasterKeyRotation>();
    }
}
