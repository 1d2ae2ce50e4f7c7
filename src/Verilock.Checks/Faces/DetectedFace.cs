using OpenCvSharp;

namespace Verilock.Checks.Faces;

/// <summary>
/// One face found by the detector, in the image's pixel coordinates. Keypoints follow BlazeFace: the eye on
/// the image's left (the subject's right eye), the eye on the image's right, the nose tip and the mouth centre.
/// </summary>
public sealed record DetectedFace(Rect2f Box, float Score, Point2f ImageLeftEye, Point2f ImageRightEye, Point2f Nose, Point2f Mouth)
{
    public double EyeDistance => Distance(ImageLeftEye, ImageRightEye);

    /// <summary>Eye distance over box width: about 0.4 for a frontal face, towards 0 in profile.</summary>
    public double Frontality => Box.Width <= 0 ? 0 : EyeDistance / Box.Width;

    public float Area => Box.Width * Box.Height;

    /// <summary>The mouth lies below the eyes, within 45° of straight down: the face is not sideways or upside down.</summary>
    public bool IsUpright
    {
        get
        {
            var (dx, dy) = (Mouth.X - (ImageLeftEye.X + ImageRightEye.X) / 2, Mouth.Y - (ImageLeftEye.Y + ImageRightEye.Y) / 2);
            return dy > Math.Abs(dx);
        }
    }

    static double Distance(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
