namespace Verilock.Server.Faces;

/// <summary><c>Verilock:Biometrics</c>: limits of biometric re-authentication (spec §20).</summary>
public sealed class BiometricOptions
{
    /// <summary>
    /// Attempts one session's face may be tried against in an hour, across all instances (counted in the database):
    /// re-authentication guards account recovery, so guessing with many photos must be slow.
    /// </summary>
    public int AttemptsPerSessionPerHour { get; set; } = 10;

    public IEnumerable<string> Problems()
    {
        if (AttemptsPerSessionPerHour < 1)
            yield return "Verilock:Biometrics:AttemptsPerSessionPerHour must be at least 1.";
    }
}
