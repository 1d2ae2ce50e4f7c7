using OpenCvSharp;

namespace Verilock.Checks.Faces;

/// <summary>
/// MediaPipe BlazeFace (back-camera model, 256 × 256) on ONNX Runtime. The image is letterboxed into the square
/// input (RGB scaled to −1..1); 896 anchors on a 16 × 16 grid (2 per cell) and an 8 × 8 grid (6 per cell) regress
/// a box and six keypoints in input pixels relative to the anchor centre; overlapping detections are blended by
/// score, as MediaPipe does. Faces smaller than about a twentieth of the image are missed on a whole-image pass,
/// so large images (group photos, full-resolution camera shots) are also searched in four overlapping tiles; a
/// selfie-sized image is one pass, which keeps a selfie's detection to one inference.
/// </summary>
internal sealed class BlazeFaceDetector : IDisposable
{
    const float BlendOverlap = 0.3f;
    /// <summary>A box mostly inside a better one is the same face seen cut by a tile's edge.</summary>
    const float ContainedShare = 0.6f;
    const float TileShare = 0.6f;
    /// <summary>Images whose long side is at least this many detector inputs (1024 px) are also searched in tiles.</summary>
    const int TiledFromInputs = 4;

    static readonly float[] InputMean = [127.5f, 127.5f, 127.5f];
    static readonly float[] InputScale = [1 / 127.5f, 1 / 127.5f, 1 / 127.5f];

    readonly OnnxModel model;
    readonly int inputSize;
    readonly float minScore;

    public BlazeFaceDetector(string path, double minScore)
    {
        model = new OnnxModel(path, layoutOptimizations: true);
        inputSize = model.InputShape is [_, var height, _, 3] && height > 0 ? height : 256;
        this.minScore = (float)minScore;
    }

    /// <summary>Every face in a BGR image, best first.</summary>
    public IReadOnlyList<DetectedFace> Detect(Mat image)
    {
        var found = new List<DetectedFace>(DetectIn(image, new Rect(0, 0, image.Cols, image.Rows)));
        if (Math.Max(image.Cols, image.Rows) >= TiledFromInputs * inputSize)
        {
            var (width, height) = ((int)(image.Cols * TileShare), (int)(image.Rows * TileShare));
            foreach (var (x, y) in new[] { (0, 0), (image.Cols - width, 0), (0, image.Rows - height), (image.Cols - width, image.Rows - height) })
                found.AddRange(DetectIn(image, new Rect(x, y, width, height)));
        }
        return KeepDistinct(found);
    }

    /// <summary>
    /// The face detected again in a square crop of <see cref="RefineCropSides"/> times its size round it, scaled to
    /// the detector's input: a face that covered a few dozen input pixels of a whole page now covers about a hundred,
    /// and its keypoints are placed accordingly. The first detection when the crop finds nothing overlapping it.
    /// </summary>
    public DetectedFace Refine(Mat image, DetectedFace face)
    {
        var side = RefineCropSides * Math.Max(face.Box.Width, face.Box.Height);
        var (cx, cy) = (face.Box.X + face.Box.Width / 2, face.Box.Y + face.Box.Height / 2);
        var crop = new Rect((int)MathF.Round(cx - side / 2), (int)MathF.Round(cy - side / 2), (int)MathF.Round(side), (int)MathF.Round(side))
            .Intersect(new Rect(0, 0, image.Cols, image.Rows));
        if (crop.Width < 8 || crop.Height < 8)
            return face;
        return DetectIn(image, crop).Where(f => Overlap(f.Box, face.Box) >= BlendOverlap).MaxBy(f => f.Score) ?? face;
    }

    /// <summary>A refinement crop's side in face sizes: the face fills a third of the detector's input, as in the selfie crops it finds best (3 did better than 2.2 on the development set).</summary>
    const float RefineCropSides = 3f;

    List<DetectedFace> DetectIn(Mat image, Rect region)
    {
        var side = Math.Max(region.Width, region.Height);
        var scale = (float)inputSize / side;
        using var part = new Mat(image, region);
        using var resized = new Mat();
        // Area averaging when shrinking; when enlarging (a refinement crop, a small upload) it would repeat pixels.
        Cv2.Resize(part, resized, new Size(Math.Max(1, (int)Math.Round(region.Width * scale)), Math.Max(1, (int)Math.Round(region.Height * scale))),
            0, 0, scale > 1 ? InterpolationFlags.Linear : InterpolationFlags.Area);
        using var square = new Mat();
        Cv2.CopyMakeBorder(resized, square, 0, inputSize - resized.Rows, 0, inputSize - resized.Cols, BorderTypes.Constant, Scalar.Black);
        var outputs = model.Run(ImageTensors.From(square, ChannelOrder.Rgb, TensorLayout.Nhwc, InputMean, InputScale));

        // Output names differ between conversions; the anchor counts (512 and 384) identify the layers.
        var scores = outputs.Values.Where(o => o.Length is 512 or 384).ToArray();
        var boxes = outputs.Values.Where(o => o.Length is 512 * 16 or 384 * 16).ToArray();
        var candidates = new List<DetectedFace>();
        Decode(scores.Single(s => s.Length == 512), boxes.Single(b => b.Length == 512 * 16), 16, 2, side, region, candidates);
        Decode(scores.Single(s => s.Length == 384), boxes.Single(b => b.Length == 384 * 16), 8, 6, side, region, candidates);
        return Blend(candidates);
    }

    void Decode(float[] scores, float[] boxes, int cells, int anchorsPerCell, int side, Rect region, List<DetectedFace> into)
    {
        var toImage = (float)side / inputSize;
        var index = 0;
        for (var cy = 0; cy < cells; cy++)
            for (var cx = 0; cx < cells; cx++)
                for (var a = 0; a < anchorsPerCell; a++, index++)
                {
                    var score = 1 / (1 + MathF.Exp(-scores[index]));
                    if (score < minScore)
                        continue;
                    var anchorX = (cx + 0.5f) / cells * inputSize;
                    var anchorY = (cy + 0.5f) / cells * inputSize;
                    var at = index * 16;
                    Point2f Point(int k) => new(region.X + (anchorX + boxes[at + 4 + 2 * k]) * toImage, region.Y + (anchorY + boxes[at + 5 + 2 * k]) * toImage);
                    var b = boxes.AsSpan(at, 16);
                    var (width, height) = (b[2] * toImage, b[3] * toImage);
                    var centre = new Point2f(region.X + (anchorX + b[0]) * toImage, region.Y + (anchorY + b[1]) * toImage);
                    into.Add(new DetectedFace(new Rect2f(centre.X - width / 2, centre.Y - height / 2, width, height), score,
                        Point(0), Point(1), Point(2), Point(3)));
                }
    }

    /// <summary>MediaPipe's weighted suppression: overlapping anchors of one face are averaged, weighted by score.</summary>
    static List<DetectedFace> Blend(List<DetectedFace> candidates)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var blended = new List<DetectedFace>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var group = remaining.Where(c => Overlap(best.Box, c.Box) >= BlendOverlap).ToList();
            remaining.RemoveAll(group.Contains);
            var total = group.Sum(g => g.Score);
            Point2f Mean(Func<DetectedFace, Point2f> point) => new(
                group.Sum(g => point(g).X * g.Score) / total, group.Sum(g => point(g).Y * g.Score) / total);
            var box = new Rect2f(
                group.Sum(g => g.Box.X * g.Score) / total, group.Sum(g => g.Box.Y * g.Score) / total,
                group.Sum(g => g.Box.Width * g.Score) / total, group.Sum(g => g.Box.Height * g.Score) / total);
            blended.Add(new DetectedFace(box, best.Score, Mean(f => f.ImageLeftEye), Mean(f => f.ImageRightEye), Mean(f => f.Nose), Mean(f => f.Mouth)));
        }
        return blended;
    }

    /// <summary>Across passes, keeps the best detection of each face.</summary>
    static List<DetectedFace> KeepDistinct(List<DetectedFace> found)
    {
        var kept = new List<DetectedFace>();
        foreach (var face in found.OrderByDescending(f => f.Score))
        {
            if (!kept.Any(k => Overlap(k.Box, face.Box) >= BlendOverlap || SharedOfSmaller(k.Box, face.Box) >= ContainedShare))
                kept.Add(face);
        }
        return kept;
    }

    static float Intersection(Rect2f a, Rect2f b)
    {
        var width = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var height = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        return width <= 0 || height <= 0 ? 0 : width * height;
    }

    static float Overlap(Rect2f a, Rect2f b)
    {
        var shared = Intersection(a, b);
        return shared / (a.Width * a.Height + b.Width * b.Height - shared);
    }

    static float SharedOfSmaller(Rect2f a, Rect2f b) => Intersection(a, b) / Math.Min(a.Width * a.Height, b.Width * b.Height);

    public void Dispose() => model.Dispose();
}
