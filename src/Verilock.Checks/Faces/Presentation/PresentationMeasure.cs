using OpenCvSharp;

namespace Verilock.Checks.Faces.Presentation;

/// <summary>Measures every <see cref="PresentationSignals"/> value of one face in its (BGR) image.</summary>
internal static class PresentationMeasure
{
    public static PresentationSignals Of(Mat image, DetectedFace face)
    {
        using var grey = new Mat();
        Cv2.CvtColor(image, grey, ColorConversionCodes.BGR2GRAY);
        var (peaks, highBand) = SpectralSignals.Measure(grey, face.Box);
        var (chroma, warmth, blackLevel) = ColourSignals.Measure(image, face.Box);
        return new PresentationSignals(peaks, highBand, FrameSignals.BezelSides(grey, face.Box),
            FrameSignals.ClippedShare(image, face.Box), chroma, warmth, blackLevel);
    }
}
