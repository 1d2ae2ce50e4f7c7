namespace Verilock.Checks.Faces;

/// <summary>
/// Maps an embedding cosine onto the spec's similarity (§9) so that the calibrated thresholds land on the band
/// edges: <see cref="FaceMatchThresholds.Review"/> → 0.60, <see cref="FaceMatchThresholds.Accept"/> → 0.80,
/// <see cref="FaceMatchThresholds.VeryHigh"/> → 0.90, linear between them, and from 0 below and to 1 above. The
/// score is monotone in the cosine, so it ranks pairs exactly as the model does.
/// </summary>
public static class FaceMatchScale
{
    public static double Similarity(double cosine, FaceMatchThresholds thresholds)
    {
        (double Cosine, double Score)[] knots =
        [
            (0, 0), (thresholds.Review, 0.60), (thresholds.Accept, 0.80), (thresholds.VeryHigh, 0.90), (1, 1),
        ];
        var c = Math.Clamp(cosine, 0, 1);
        for (var i = 1; i < knots.Length; i++)
        {
            if (c <= knots[i].Cosine)
            {
                var (from, to) = (knots[i - 1], knots[i]);
                var t = to.Cosine == from.Cosine ? 1 : (c - from.Cosine) / (to.Cosine - from.Cosine);
                return Math.Round(from.Score + t * (to.Score - from.Score), 3);
            }
        }
        return 1;
    }

    /// <summary>The spec's label for a similarity (§9).</summary>
    public static string Label(double similarity) => similarity switch
    {
        >= 0.90 => "very_high",
        >= 0.80 => "high",
        >= 0.60 => "medium",
        _ => "low",
    };
}
