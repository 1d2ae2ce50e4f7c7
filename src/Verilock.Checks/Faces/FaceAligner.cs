using OpenCvSharp;

namespace Verilock.Checks.Faces;

/// <summary>
/// Warps a face onto the standard 112 × 112 five-point template used to train ArcFace-style embedders (and
/// OpenCV's SFace). BlazeFace gives the mouth centre rather than its corners, so the fit uses four points: both
/// eyes, the nose tip and the midpoint of the template's mouth corners. The transform is the least-squares
/// similarity (rotation, uniform scale, shift), so the face is never sheared.
/// </summary>
internal static class FaceAligner
{
    const float TemplateSize = 112f;

    static readonly Point2f[] Template =
    [
        new(38.2946f, 51.6963f),
        new(73.5318f, 51.5014f),
        new(56.0252f, 71.7366f),
        new((41.5493f + 70.7299f) / 2, (92.3655f + 92.2041f) / 2),
    ];

    public static Mat Align(Mat image, DetectedFace face, int size)
    {
        var scale = size / TemplateSize;
        var target = Template.Select(p => new Point2f(p.X * scale, p.Y * scale)).ToArray();
        using var transform = Similarity([face.ImageLeftEye, face.ImageRightEye, face.Nose, face.Mouth], target);
        var aligned = new Mat();
        Cv2.WarpAffine(image, aligned, transform, new Size(size, size), InterpolationFlags.Linear, BorderTypes.Replicate);
        return aligned;
    }

    /// <summary>
    /// The similarity <c>q ≈ [a −b; b a]·p + t</c> minimising squared error (Umeyama without reflection), as a 2 × 3
    /// matrix for <see cref="Cv2.WarpAffine(InputArray, OutputArray, InputArray, Size, InterpolationFlags, BorderTypes, Scalar?)"/>.
    /// </summary>
    internal static Mat Similarity(Point2f[] from, Point2f[] to)
    {
        var (fx, fy) = (from.Average(p => p.X), from.Average(p => p.Y));
        var (tx, ty) = (to.Average(p => p.X), to.Average(p => p.Y));
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < from.Length; i++)
        {
            var (px, py) = (from[i].X - fx, from[i].Y - fy);
            var (qx, qy) = (to[i].X - tx, to[i].Y - ty);
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        var (a, b) = norm == 0 ? (1.0, 0.0) : (dot / norm, cross / norm);
        var matrix = new Mat(2, 3, MatType.CV_64FC1);
        matrix.Set(0, 0, a);
        matrix.Set(0, 1, -b);
        matrix.Set(0, 2, tx - (a * fx - b * fy));
        matrix.Set(1, 0, b);
        matrix.Set(1, 1, a);
        matrix.Set(1, 2, ty - (b * fx + a * fy));
        return matrix;
    }
}
