using OpenCvSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// A genuine selfie under the conditions a phone upload meets — blur, JPEG 40–90, low light, sensor noise, a small
/// face, and combinations — each condition's strength drawn from its range by the seed. The liveness development
/// set's negatives: what the replay and print signals must not refuse.
/// </summary>
public static class GenuineSelfies
{
    public static readonly IReadOnlyList<string> Conditions =
        ["as_photographed", "blur", "jpeg_40-60", "jpeg_60-90", "low_light", "noise", "small_face", "small+jpeg", "blur+noise+jpeg", "bright"];

    public static byte[] Capture(byte[] picture, string condition, int seed)
    {
        if (condition == "as_photographed")
            return picture;
        var random = new Random(seed);
        using var image = Cv2.ImDecode(picture, ImreadModes.Color);
        double Between(double low, double high) => low + random.NextDouble() * (high - low);
        switch (condition)
        {
            case "blur":
                Cv2.GaussianBlur(image, image, new Size(0, 0), Between(0.8, 2.0));
                return Jpeg(image, random.Next(80, 95));
            case "jpeg_40-60":
                return Jpeg(image, random.Next(40, 61));
            case "jpeg_60-90":
                return Jpeg(image, random.Next(60, 91));
            case "low_light":
                image.ConvertTo(image, -1, Between(0.35, 0.55));
                Noise(image, Between(3, 6), random);
                return Jpeg(image, random.Next(70, 90));
            case "noise":
                Noise(image, Between(4, 9), random);
                return Jpeg(image, random.Next(80, 95));
            case "small_face":
                return Jpeg(Shrunk(image, Between(0.3, 0.5)), random.Next(80, 95));
            case "small+jpeg":
                return Jpeg(Shrunk(image, Between(0.4, 0.6)), random.Next(40, 60));
            case "blur+noise+jpeg":
                Cv2.GaussianBlur(image, image, new Size(0, 0), Between(0.6, 1.2));
                Noise(image, Between(2, 5), random);
                return Jpeg(image, random.Next(50, 75));
            case "bright":
                image.ConvertTo(image, -1, Between(1.1, 1.3), Between(5, 25));
                return Jpeg(image, random.Next(75, 92));
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition, "Not a genuine selfie condition.");
        }
    }

    static Mat Shrunk(Mat image, double factor)
    {
        var small = new Mat();
        Cv2.Resize(image, small, new Size(), factor, factor, InterpolationFlags.Area);
        return small;
    }

    static void Noise(Mat image, double sigma, Random random)
    {
        using var noise = new Mat(image.Size(), MatType.CV_16SC3);
        Cv2.SetTheRNG((ulong)random.NextInt64(1, long.MaxValue));
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(sigma));
        using var values = new Mat();
        image.ConvertTo(values, MatType.CV_16SC3);
        Cv2.Add(values, noise, values);
        values.ConvertTo(image, MatType.CV_8UC3);
    }

    static byte[] Jpeg(Mat image, int quality) => image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
}
