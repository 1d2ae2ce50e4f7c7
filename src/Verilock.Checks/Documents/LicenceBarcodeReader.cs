using System.Runtime.InteropServices;
using OpenCvSharp;
using Verilock.Domain.Licences;
using ZXing;
using ZXing.Common;
using ZXing.PDF417;

namespace Verilock.Checks.Documents;

/// <summary>
/// Finds the PDF417 barcode on the back of a North-American licence and parses its AAMVA text. Phones shoot cards
/// sideways and at full sensor size: ZXing's PDF417 detector already tries all four quarter turns itself (turning the
/// image here as well only tripled the cost of a miss), and large photos are tried again downscaled.
/// </summary>
public static class LicenceBarcodeReader
{
    // ZXing's PDF417 detector is quick below a few megapixels; larger photos are tried again at this size.
    private const int MaxSide = 2400;

    private static readonly Dictionary<DecodeHintType, object> Hints = new()
    {
        [DecodeHintType.TRY_HARDER] = true,
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.PDF_417 },
    };

    /// <summary>The parsed licence, or null when no barcode decodes or its text is not an AAMVA licence.</summary>
    public static AamvaLicence? Read(ReadOnlySpan<byte> file, DecodeLimits limits)
    {
        using var gray = UploadDecoder.DecodeGray(file, limits, out _);
        return gray is null ? null : Read(gray);
    }

    public static AamvaLicence? Read(Mat gray)
    {
        var text = DecodeText(gray);
        return text is null ? null : AamvaParser.Parse(text).Licence;
    }

    /// <summary>The barcode's raw text, trying the image as given, then (if large) downscaled.</summary>
    public static string? DecodeText(Mat gray)
    {
        if (gray.Empty() || gray.Type() != MatType.CV_8UC1)
            return null;
        var found = Decode(gray);
        if (found is not null || Math.Max(gray.Width, gray.Height) <= MaxSide)
            return found;
        var scale = (double)MaxSide / Math.Max(gray.Width, gray.Height);
        using var small = new Mat();
        Cv2.Resize(gray, small, new Size(), scale, scale, InterpolationFlags.Area);
        return Decode(small);
    }

    private static string? Decode(Mat gray)
    {
        var bytes = new byte[gray.Width * gray.Height];
        using (var packed = gray.IsContinuous() ? null : gray.Clone())
            Marshal.Copy((packed ?? gray).Data, bytes, 0, bytes.Length);
        var source = new RGBLuminanceSource(bytes, gray.Width, gray.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        try
        {
            return new PDF417Reader().decode(new BinaryBitmap(new HybridBinarizer(source)), Hints)?.Text;
        }
        catch (Exception e) when (e is ReaderException or ArgumentException or IndexOutOfRangeException)
        {
            // ZXing signals "nothing here" and some damaged symbols by throwing; both mean no barcode was read.
            return null;
        }
    }
}
