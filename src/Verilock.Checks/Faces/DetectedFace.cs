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

    /// <summary>Degrees between the eyes-to-mouth direction and straight down: 0 upright, 90 sideways, 180 upside down.</summary>
    public double Tilt
    {
        get
        {
            var (dx, dy) = (Mouth.X - (ImageLeftEye.X + ImageRightEye.X) / 2, Mouth.Y - (ImageLeftEye.Y + ImageRightEye.Y) / 2);
            return Math.Abs(Math.Atan2(dx, dy)) * 180 / Math.PI;
        }
    }

    /// <summary>
    /// Within 60° of upright: a head tilted for a photo stays inside, a document photographed sideways (90°) does not.
    /// </summary>
    public bool IsUpright => Tilt < 60;

    static double Distance(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
