using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// Capture-quality signals the hosted flow can show the applicant ("hold still", "avoid the lamp").
/// </summary>
/// <param name="Sharpness">Variance of the Laplacian on the grayscale image shrunk to at most 1000 px on its long side; on the rendered set clean captures score 700–1100 (small sharp ones more), blurred ones 20–50.</param>
/// <param name="GlareFraction">Share of pixels blown out to near white (≥ 250 of 255), 0..1.</param>
public sealed record ImageQuality(double Sharpness, double GlareFraction)
{
    const byte BlownOut = 250;

    /// <summary>Measures on the working-scale grayscale image the locator already made, so it costs one Laplacian.</summary>
    internal static ImageQuality Measure(Mat workGray)
    {
        using var laplacian = new Mat();
        Cv2.Laplacian(workGray, laplacian, MatType.CV_32F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation);
        using var blown = new Mat();
        Cv2.Threshold(workGray, blown, BlownOut - 1, 255, ThresholdTypes.Binary);
        var glare = (double)Cv2.CountNonZero(blown) / workGray.Total();
        return new ImageQuality(Math.Round(deviation.Val0 * deviation.Val0, 1), Math.Round(glare, 4));
    }
}
