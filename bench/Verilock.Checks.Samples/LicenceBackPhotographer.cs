using OpenCvSharp;
using ZXing;
using ZXing.PDF417;

namespace Verilock.Checks.Samples;

/// <summary>Renders the back of a North-American licence around a real PDF417 symbol, for the barcode reader's tests.</summary>
public static class LicenceBackPhotographer
{
    /// <summary>A licence back as a phone sends it: barcode on a card-sized canvas, turned sideways, blurred, noisy, JPEG 60.</summary>
    public static byte[] Photograph(string aamva, bool sideways = true)
    {
        var matrix = new PDF417Writer().encode(aamva, BarcodeFormat.PDF_417, 900, 300,
            new Dictionary<EncodeHintType, object> { [EncodeHintType.MARGIN] = 2, [EncodeHintType.CHARACTER_SET] = "ISO-8859-1" });
        using var card = new Mat(1000, 1600, MatType.CV_8UC1, Scalar.All(225));
        var scale = Math.Min(1400.0 / matrix.Width, 500.0 / matrix.Height);
        using var code = new Mat(matrix.Height, matrix.Width, MatType.CV_8UC1);
        for (var y = 0; y < matrix.Height; y++)
            for (var x = 0; x < matrix.Width; x++)
                code.Set(y, x, (byte)(matrix[x, y] ? 20 : 235));
        using var big = new Mat();
        Cv2.Resize(code, big, new Size(), scale, scale, InterpolationFlags.Nearest);
        big.CopyTo(card[new Rect(100, 420, big.Width, big.Height)]);
        Cv2.PutText(card, "DONOR  RESTRICTIONS NONE", new Point(100, 200), HersheyFonts.HersheySimplex, 2, Scalar.All(60), 3);

        using var shot = new Mat();
        if (sideways) Cv2.Rotate(card, shot, RotateFlags.Rotate90Clockwise); else card.CopyTo(shot);
        Cv2.GaussianBlur(shot, shot, new Size(3, 3), 0.9);
        using var noise = new Mat(shot.Size(), MatType.CV_8UC1);
        // Unsigned noise centred on 8, added then taken back as a constant, so pixels move both ways.
        Cv2.Randn(noise, Scalar.All(8), Scalar.All(8));
        using var noisy = new Mat();
        Cv2.Add(shot, noise, noisy);
        Cv2.Subtract(noisy, Scalar.All(8), noisy);
        return noisy.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 60));
    }
}
