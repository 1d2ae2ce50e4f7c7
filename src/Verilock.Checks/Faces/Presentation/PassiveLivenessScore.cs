namespace Verilock.Checks.Faces.Presentation;

/// <summary>
/// The passive liveness score: one logistic combination of the liveness model's live probability and the
/// <see cref="PresentationSignals"/>, z = Bias + Σ weight × (value − centre) / spread, score = 1 / (1 + e^−z).
/// The model catches prints but hardly moves on a screen replay; the signals see the screen. Weights were fitted
/// (logistic regression) on simulated replays, prints and genuine selfies of the tuning seeds by
/// <c>bench/liveness-replay.sh</c>, then the bias set so that 3 % of the tuning genuine selfies fall under the
/// default threshold (0.75); docs/face-matching.md reports the held-out seeds. Refit after changing a signal.
/// </summary>
public static class PassiveLivenessScore
{
    /// <summary>One term: the measured value is standardised by a centre and a spread, then weighted.</summary>
    public sealed record Term(string Name, double Centre, double Spread, double Weight);

    public const double Bias = -0.346;

    /// <summary>The liveness model's probability enters as its logit, clamped to ±<see cref="MaxModelLogit"/>.</summary>
    public const double MaxModelLogit = 6;

    public static readonly Term Model = new("model_logit", 0.9885, 4.208, 2.169);
    public static readonly Term SpectralPeaks = new("spectral_peaks", 3.958, 1.427, -3.315);
    // Measured but weighted 0: on the development set high band added nothing, and glare and warmth came out with
    // the wrong sign (bright genuine captures clip; the fit rewarded glare), which an attacker could exploit.
    public static readonly Term HighBand = new("high_band", 0, 1, 0);
    public static readonly Term BezelSides = new("bezel_sides", 0.5263, 1.311, -1.632);
    public static readonly Term ClippedShare = new("clipped_share", 0, 1, 0);
    public static readonly Term Chroma = new("chroma", 32.09, 9.973, 0.272);
    public static readonly Term Warmth = new("warmth", 0, 1, 0);
    public static readonly Term BlackLevel = new("black_level", 10.11, 8.386, -1.257);

    public static IReadOnlyList<Term> Terms { get; } = [Model, SpectralPeaks, HighBand, BezelSides, ClippedShare, Chroma, Warmth, BlackLevel];

    /// <summary>The values <see cref="Terms"/> weigh, in their order.</summary>
    public static double[] Values(double modelLive, PresentationSignals signals) =>
    [
        ModelLogit(modelLive), signals.SpectralPeaks, signals.HighBand, signals.BezelSides, signals.ClippedShare,
        signals.Chroma, signals.Warmth, signals.BlackLevel,
    ];

    public static double Of(double modelLive, PresentationSignals signals)
    {
        var values = Values(modelLive, signals);
        var z = Bias;
        for (var i = 0; i < Terms.Count; i++)
            z += Terms[i].Weight * (values[i] - Terms[i].Centre) / Terms[i].Spread;
        return 1 / (1 + Math.Exp(-z));
    }

    public static double ModelLogit(double probability)
    {
        var p = Math.Clamp(probability, 1e-6, 1 - 1e-6);
        return Math.Clamp(Math.Log(p / (1 - p)), -MaxModelLogit, MaxModelLogit);
    }
}
