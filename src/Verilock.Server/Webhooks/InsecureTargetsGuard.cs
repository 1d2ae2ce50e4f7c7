using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Hosting;

namespace Verilock.Server.Webhooks;

/// <summary>
/// <c>Verilock:Webhooks:AllowInsecureTargets</c> is for a developer's machine: it lets any key send webhooks over
/// plain http and into the server's own network. A server that others can reach and that holds live keys is a
/// production server, and there it would turn every live key into a way into that network, so it does not start.
/// </summary>
public static class InsecureTargetsGuard
{
    public static async Task CheckAsync(VerilockDbContext db, WebhookOptions options, ServerBinding binding, CancellationToken cancellationToken)
    {
        if (!options.AllowInsecureTargets || binding.OnlyLoopback)
            return;
        if (!await db.ApiKeys.AnyAsync(k => k.LiveMode && k.RevokedAt == null, cancellationToken))
            return;
        throw new StartupRefusedException(
            "Verilock:Webhooks:AllowInsecureTargets is for development only, and this server has live API keys and listens " +
            $"beyond loopback ({string.Join(", ", binding.Urls)}). Turn it off; to let webhooks reach private networks, " +
            "list them in Verilock:Webhooks:AllowedNetworks (CIDRs, e.g. 10.20.0.0/16).");
    }
}
