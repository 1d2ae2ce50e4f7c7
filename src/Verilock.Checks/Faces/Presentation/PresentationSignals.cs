namespace Verilock.Checks.Faces.Presentation;

/// <summary>
/// What a selfie shows of being a picture of a picture (a photo on a screen or on paper, re-photographed), measured
/// without a model. Each value is 0 when it cannot be measured (a face too small for the spectrum, say).
/// docs/face-matching.md ("Replay and print signals") says how each was measured on simulated attacks.
/// </summary>
/// <param name="SpectralPeaks">
/// How far the strongest narrow peaks of the face's spectrum stand above the spectrum's level at their frequency
/// (natural log of power; mean of the strongest few): a screen's pixel grid, its aliasing moiré, a print's halftone.
/// </param>
/// <param name="HighBand">log(power at 0.25–0.5 cycles/pixel ÷ power at 0.05–0.15): fine texture against mid detail.</param>
/// <param name="BezelSides">Sides of the face (0–4) with a long straight edge that has a dark side: a screen's frame.</param>
/// <param name="ClippedShare">Share of the face region that is clipped near-white in every channel: screen glare, a glossy print.</param>
/// <param name="Chroma">90th percentile of CIELAB chroma over the face region: colour a screen or a print compresses.</param>
/// <param name="Warmth">Mean CIELAB b* over the face region: skin is yellowish, a screen's white is blue.</param>
/// <param name="BlackLevel">2nd percentile of CIELAB lightness (0–100) over the whole frame: paper and lit screens have no deep black.</param>
public sealed record PresentationSignals(
    double SpectralPeaks,
    double HighBand,
    int BezelSides,
    double ClippedShare,
    double Chroma,
    double Warmth,
    double BlackLevel)
{
    public static readonly PresentationSignals None = new(0, 0, 0, 0, 0, 0, 0);
}
