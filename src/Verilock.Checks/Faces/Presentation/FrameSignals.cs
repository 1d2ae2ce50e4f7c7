using OpenCvSharp;

namespace Verilock.Checks.Faces.Presentation;

/// <summary>
/// The frame round the face: a phone or monitor held up to the camera shows its bezel as long straight edges with a
/// dark side framing the face, and its glass or a glossy print throws clipped white glare.
/// </summary>
internal static class FrameSignals
{
    /// <summary>Edges are found on the frame shrunk to this long side: a bezel is a large structure.</summary>
    const int WorkingSide = 480;

    /// <summary>An edge counts when it is at least this many face-box sides long.</summary>
    const double MinLengthInFaces = 1.2;

    /// <summary>Degrees from horizontal or vertical an edge may lean (the phone is held by hand).</summary>
    const double MaxLeanDegrees = 15;

    /// <summary>The dark side's mean grey level at most, and its difference from the other side at least.</summary>
    const double DarkSide = 55, MinContrast = 35;

    public static int BezelSides(Mat grey, Rect2f face)
    {
        var scale = Math.Min(1.0, WorkingSide / (double)Math.Max(grey.Cols, grey.Rows));
        using var small = new Mat();
        Cv2.Resize(grey, small, new Size(), scale, scale, InterpolationFlags.Area);
        var box = new Rect2d(face.X * scale, face.Y * scale, face.Width * scale, face.Height * scale);
        using var edges = new Mat();
        Cv2.Canny(small, edges, 50, 150);
        var minLength = MinLengthInFaces * Math.Max(box.Width, box.Height);
        var lines = Cv2.HoughLinesP(edges, 1, Math.PI / 180, 40, minLength, 4);
        var sides = new HashSet<char>();
        foreach (var line in lines)
        {
            var (dx, dy) = ((double)line.P2.X - line.P1.X, (double)line.P2.Y - line.P1.Y);
            var angle = Math.Abs(Math.Atan2(dy, dx) * 180 / Math.PI) % 180;
            var horizontal = Math.Min(angle, 180 - angle) <= MaxLeanDegrees;
            var vertical = Math.Abs(angle - 90) <= MaxLeanDegrees;
            if (!horizontal && !vertical || !HasDarkSide(small, line, horizontal))
                continue;
            var (mx, my) = ((line.P1.X + line.P2.X) / 2.0, (line.P1.Y + line.P2.Y) / 2.0);
            char? side = horizontal
                ? my < box.Top ? 't' : my > box.Bottom ? 'b' : null
                : mx < box.Left ? 'l' : mx > box.Right ? 'r' : null;
            if (side is { } s)
                sides.Add(s);
        }
        return sides.Count;
    }

    /// <summary>Mean grey in thin strips a few pixels either side of the edge: one must be dark and clearly darker.</summary>
    static bool HasDarkSide(Mat small, LineSegmentPoint line, bool horizontal)
    {
        const int Offset = 4, Thickness = 3;
        double Strip(int shift)
        {
            var (x0, x1) = (Math.Min(line.P1.X, line.P2.X), Math.Max(line.P1.X, line.P2.X));
            var (y0, y1) = (Math.Min(line.P1.Y, line.P2.Y), Math.Max(line.P1.Y, line.P2.Y));
            var rect = horizontal
                ? new Rect(x0, y0 + shift - (shift < 0 ? Thickness : 0), x1 - x0 + 1, y1 - y0 + Thickness)
                : new Rect(x0 + shift - (shift < 0 ? Thickness : 0), y0, x1 - x0 + Thickness, y1 - y0 + 1);
            rect = rect.Intersect(new Rect(0, 0, small.Cols, small.Rows));
            if (rect.Width <= 0 || rect.Height <= 0)
                return double.NaN;
            using var strip = new Mat(small, rect);
            return Cv2.Mean(strip).Val0;
        }
        var (before, after) = (Strip(-Offset), Strip(Offset));
        if (double.IsNaN(before) || double.IsNaN(after))
            return false;
        return Math.Min(before, after) <= DarkSide && Math.Abs(before - after) >= MinContrast;
    }

    /// <summary>Share of the face region (box widened by half) clipped near-white in all three channels.</summary>
    public static double ClippedShare(Mat image, Rect2f face)
    {
        var region = Widened(face, 1.5f).Intersect(new Rect(0, 0, image.Cols, image.Rows));
        if (region.Width <= 0 || region.Height <= 0)
            return 0;
        using var crop = new Mat(image, region);
        using var clipped = new Mat();
        Cv2.InRange(crop, new Scalar(250, 250, 250), new Scalar(255, 255, 255), clipped);
        return Cv2.CountNonZero(clipped) / ((double)region.Width * region.Height);
    }

    internal static Rect Widened(Rect2f face, float factor)
    {
        var (width, height) = (face.Width * factor, face.Height * factor);
        return new Rect((int)(face.X + face.Width / 2 - width / 2), (int)(face.Y + face.Height / 2 - height / 2), (int)width, (int)height);
    }
}
