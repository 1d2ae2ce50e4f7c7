using Verilock.Infrastructure.Security;

namespace Verilock.Server.Dashboard;

/// <summary>The <c>Verilock:Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// Base64 of 32 bytes that encrypts the dashboard's key ring (cookie and antiforgery keys) in the database.
    /// Empty: a key file generated in the data folder, fine on one host; several instances need the same value.
    /// </summary>
    public string? KeyRingKey { get; set; }

    /// <summary>How long a signed-in operator may stay idle before signing in again.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<string> Problems()
    {
        if (!MasterKeys.IsValidOrEmpty(KeyRingKey))
            yield return "Verilock:Dashboard:KeyRingKey must be the base64 of 32 bytes, or empty.";
        if (IdleTimeout < TimeSpan.FromMinutes(1))
            yield return "Verilock:Dashboard:IdleTimeout must be at least one minute.";
    }
}
