using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// A learned text-line detector (PaddleOCR's PP-OCRv4 mobile DB detector, ONNX) as a second way to find the
/// zone: where guilloche, watermarks or tints defeat the black-hat masks of <see cref="MrzLocator"/>, the
/// network still tells print from pattern. The image is shrunk to <see cref="LongSide"/>, the network gives a
/// probability map of (shrunk) text lines, and the map's blobs, grown back by the DB "unclip" rule, are grouped
/// into zones by the locator's own shape rules. Runs on one thread per call; thread-safe, one instance serves
/// every worker.
/// </summary>
internal sealed class MrzTextDetector : IDisposable
{
    /// <summary>Long side of the network's input (PaddleOCR's default limit); MRZ characters stay ≥ 6 px for a page filling half the frame.</summary>
    public const int LongSide = 960;

    /// <summary>DB's usual binarisation of the probability map.</summary>
    const float Threshold = 0.3f;

    /// <summary>The DB training shrank each line by about this much; blobs are grown back by area × ratio ÷ perimeter.</summary>
    const float UnclipRatio = 1.0f;

    /// <summary>
    /// Pieces of one line up to this many line heights apart are joined: the map often breaks a zone line where
    /// fillers or a busy pattern lie under it.
    /// </summary>
    const float JoinGap = 12f;

    static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    readonly InferenceSession session;
    readonly string inputName;

    public MrzTextDetector(string path)
    {
        session = TextModelSession.Open(path, "Text detector");
        inputName = session.InputMetadata.Keys.First();
    }

    /// <summary>Candidate zones in full-resolution coordinates of <paramref name="gray"/>, best first.</summary>
    public IReadOnlyList<MrzCandidate> Locate(Mat gray)
    {
        using var mask = TextMask(gray, out var scale);
        return MrzLocator.LocateInMask(mask, scale, DetectedLines, JoinGap).Select(Equalised).ToArray();
    }

    /// <summary>Detail of the detector's second look at a tile: small, blurred print the whole-frame map runs together.</summary>
    const double TileZoom = 2.0;

    /// <summary>
    /// Candidate zones in a tile around <paramref name="around"/>, shown to the network at up to <see cref="TileZoom"/>×
    /// the print's full-resolution size, in full-resolution coordinates of <paramref name="gray"/>, best first. The tile
    /// reaches half a line length beyond the zone's ends and three line heights above and below it, so a zone the
    /// first candidate only partly covers is still inside.
    /// </summary>
    public IReadOnlyList<MrzCandidate> LocateAround(Mat gray, MrzCandidate around)
    {
        var corners = around.Lines.SelectMany(l => new[] { -1f, 1f }.SelectMany(a => new[] { -1f, 1f }.Select(d => new Point2f(
            l.Center.X + a * l.Direction.X * l.Length + d * l.Down.X * l.Height * 3.5f,
            l.Center.Y + a * l.Direction.Y * l.Length + d * l.Down.Y * l.Height * 3.5f)))).ToArray();
        var (left, top) = ((int)Math.Max(0, corners.Min(p => p.X)), (int)Math.Max(0, corners.Min(p => p.Y)));
        var (right, bottom) = ((int)Math.Min(gray.Width, corners.Max(p => p.X)), (int)Math.Min(gray.Height, corners.Max(p => p.Y)));
        if (right - left < 32 || bottom - top < 32)
            return [];
        using var tile = new Mat(gray, new Rect(left, top, right - left, bottom - top));
        var zoom = Math.Min(TileZoom, (double)LongSide / Math.Max(tile.Width, tile.Height));
        using var zoomed = new Mat();
        Cv2.Resize(tile, zoomed, new Size(0, 0), zoom, zoom, InterpolationFlags.Cubic);
        return Locate(zoomed).Select(zone => zone with
        {
            Lines = zone.Lines.Select(l => l with
            {
                Center = new Point2f((float)(l.Center.X / zoom + left), (float)(l.Center.Y / zoom + top)),
                Length = (float)(l.Length / zoom),
                Height = (float)(l.Height / zoom),
            }).ToArray(),
        }).ToArray();
    }

    /// <summary>
    /// The lines of a zone are equally long, but the network often leaves out runs of fillers (<c>&lt;&lt;&lt;</c>
    /// are thin marks, easily taken for pattern): every line is stretched to the group's extent along the text.
    /// </summary>
    static MrzCandidate Equalised(MrzCandidate zone)
    {
        var first = zone.Lines[0];
        var (start, end) = (float.MaxValue, float.MinValue);
        foreach (var line in zone.Lines)
        {
            var middle = first.Along(line.Center);
            start = Math.Min(start, middle - line.Length / 2);
            end = Math.Max(end, middle + line.Length / 2);
        }
        return zone with
        {
            Lines = zone.Lines.Select(line =>
            {
                var shift = (start + end) / 2 - first.Along(line.Center);
                return line with
                {
                    Center = new Point2f(line.Center.X + first.Direction.X * shift, line.Center.Y + first.Direction.Y * shift),
                    Length = end - start,
                };
            }).ToArray(),
        };
    }

    /// <summary>White where the network sees text, at the network's scale (<paramref name="scale"/> = that ÷ full scale).</summary>
    internal Mat TextMask(Mat gray, out double scale)
    {
        scale = Math.Min(1.0, (double)LongSide / Math.Max(gray.Width, gray.Height));
        using var small = new Mat();
        Cv2.Resize(gray, small, new Size(Math.Max(1, (int)Math.Round(gray.Width * scale)), Math.Max(1, (int)Math.Round(gray.Height * scale))), 0, 0,
            scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        // The network wants sides that are multiples of 32: pad with the edge pixels, cut the map back afterwards.
        var (width, height) = (RoundUp32(small.Width), RoundUp32(small.Height));
        using var padded = new Mat();
        Cv2.CopyMakeBorder(small, padded, 0, height - small.Height, 0, width - small.Width, BorderTypes.Replicate);
        var tensor = new DenseTensor<float>([1, 3, height, width]);
        var buffer = tensor.Buffer.Span;
        var plane = width * height;
        unsafe
        {
            for (var y = 0; y < height; y++)
            {
                var row = (byte*)padded.Ptr(y);
                for (var x = 0; x < width; x++)
                {
                    var value = row[x] / 255f;
                    for (var c = 0; c < 3; c++)
                        buffer[c * plane + y * width + x] = (value - Mean[c]) / Std[c];
                }
            }
        }
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        var map = ((DenseTensor<float>)outputs[0].AsTensor<float>()).Buffer.Span;
        var (maskWidth, maskHeight) = (small.Width, small.Height);
        var mask = new Mat(maskHeight, maskWidth, MatType.CV_8UC1);
        unsafe
        {
            for (var y = 0; y < maskHeight; y++)
            {
                var row = (byte*)mask.Ptr(y);
                for (var x = 0; x < maskWidth; x++)
                    row[x] = map[y * width + x] > Threshold ? (byte)255 : (byte)0;
            }
        }
        return mask;
    }

    static int RoundUp32(int side) => Math.Max(32, (side + 31) / 32 * 32);

    /// <summary>
    /// The mask's blobs as line boxes grown back to the print's size (DB's unclip: each side moves out by
    /// area × <see cref="UnclipRatio"/> ÷ perimeter), within 25° of the mask's horizontal.
    /// </summary>
    static List<TextLineBox> DetectedLines(Mat mask)
    {
        Cv2.FindContours(mask, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var lines = new List<TextLineBox>();
        foreach (var contour in contours)
        {
            if (contour.Length < 4)
                continue;
            var box = Cv2.MinAreaRect(contour);
            var (w, h) = (box.Size.Width, box.Size.Height);
            if (Math.Min(w, h) < 1.5f)
                continue;
            var grow = w * h * UnclipRatio / (2 * (w + h));
            var grown = new RotatedRect(box.Center, new Size2f(w + 2 * grow, h + 2 * grow), box.Angle);
            if (MrzLocator.Flat(grown) is { } line)
                lines.Add(line);
        }
        return lines;
    }

    public void Dispose() => session.Dispose();
}
