using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// Turns an upload into one image (grayscale for the MRZ reader, colour for the face checks), refusing from the
/// header anything over the pixel limit (a PDF's streams are bounded by <see cref="PdfScan"/>). Large JPEGs are decoded at 1/2 or 1/4 scale by libjpeg itself, which is
/// several times faster than decoding full size and shrinking, and loses nothing the zone or a face needs.
/// The EXIF orientation of a JPEG or PNG is applied here, once, by <see cref="UprightImage"/>: OpenCV is told to
/// ignore it so the result does not depend on which modes of which OpenCV build would have applied it too.
/// A scan inside a PDF is taken as stored: PDF viewers ignore EXIF in embedded images, and the page shows it so.
/// </summary>
internal static class UploadDecoder
{
    /// <summary>Below this many pixels a full decode is cheap and keeps small MRZ characters as sharp as possible.</summary>
    const long FullDecodeLimit = 6_000_000;

    public static Mat? DecodeGray(ReadOnlySpan<byte> file, DecodeLimits limits, out string? problem) =>
        Decode(file, limits, color: false, allowPdf: true, out problem);

    /// <summary>A BGR image; <paramref name="allowPdf"/> is false for selfies and liveness frames, which are JPEG or PNG only (spec §8.5).</summary>
    public static Mat? DecodeColor(ReadOnlySpan<byte> file, DecodeLimits limits, bool allowPdf, out string? problem) =>
        Decode(file, limits, color: true, allowPdf, out problem);

    static Mat? Decode(ReadOnlySpan<byte> file, DecodeLimits limits, bool color, bool allowPdf, out string? problem)
    {
        var header = UploadHeader.Read(file, out problem);
        if (header is null)
            return null;
        if (header.Value.Kind == UploadKind.Pdf)
        {
            if (!allowPdf)
            {
                problem = "The file is a PDF; a JPEG or PNG image is required.";
                return null;
            }
            var scan = PdfScan.ExtractFirstPageImage(file, limits, out problem);
            if (scan is null)
                return null;
            var inner = UploadHeader.Read(scan, out problem);
            return inner is { Kind: not UploadKind.Pdf } ? DecodeImage(scan, inner.Value, limits.MaxPixels, color, ExifOrientation.Upright, out problem) : null;
        }
        return DecodeImage(file, header.Value, limits.MaxPixels, color, ExifOrientation.Read(file), out problem);
    }

    /// <summary>The pixel limit is checked on the stored size; turning by the orientation only swaps width and height.</summary>
    static Mat? DecodeImage(ReadOnlySpan<byte> file, UploadHeader header, long maxPixels, bool color, int orientation, out string? problem)
    {
        problem = null;
        if (header.Pixels > maxPixels)
        {
            problem = $"The image is too large ({header.Width} × {header.Height} pixels); the limit is {maxPixels / 1_000_000} megapixels.";
            return null;
        }
        var mode = header.Kind != UploadKind.Jpeg || header.Pixels <= FullDecodeLimit ? (color ? ImreadModes.Color : ImreadModes.Grayscale)
            : header.Pixels <= 4 * FullDecodeLimit ? (color ? ImreadModes.ReducedColor2 : ImreadModes.ReducedGrayscale2)
            : color ? ImreadModes.ReducedColor4 : ImreadModes.ReducedGrayscale4;
        try
        {
            var image = Cv2.ImDecode(file, mode | ImreadModes.IgnoreOrientation);
            if (image.Empty())
            {
                image.Dispose();
                problem = "The image could not be decoded.";
                return null;
            }
            return UprightImage.Apply(image, orientation);
        }
        catch (OpenCVException)
        {
            problem = "The image could not be decoded.";
            return null;
        }
    }
}
