using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// Turns decoded pixels the way their EXIF orientation says (TIFF 6.0 / EXIF 2.3 tag 0x0112), so every check sees
/// the photo as the applicant saw it on the phone. The MRZ locator copes with the four rotations on its own, but not
/// with the mirrored values 2, 4, 5 and 7 (a mirrored zone reads as nonsense), and the face checks expect eyes above
/// the mouth.
/// </summary>
internal static class UprightImage
{
    /// <summary>Returns <paramref name="image"/> itself for 1 (or anything unknown), otherwise a new image and disposes the old.</summary>
    public static Mat Apply(Mat image, int orientation)
    {
        if (orientation is < 2 or > 8)
            return image;
        var turned = new Mat();
        try
        {
            switch (orientation)
            {
                case 2: Cv2.Flip(image, turned, FlipMode.Y); break;                   // mirrored left to right
                case 3: Cv2.Rotate(image, turned, RotateFlags.Rotate180); break;
                case 4: Cv2.Flip(image, turned, FlipMode.X); break;                   // mirrored top to bottom
                case 5: Cv2.Transpose(image, turned); break;                          // across the main diagonal
                case 6: Cv2.Rotate(image, turned, RotateFlags.Rotate90Clockwise); break;
                case 7:                                                               // across the other diagonal
                    Cv2.Transpose(image, turned);
                    Cv2.Flip(turned, turned, FlipMode.XY);
                    break;
                case 8: Cv2.Rotate(image, turned, RotateFlags.Rotate90Counterclockwise); break;
            }
        }
        catch
        {
            turned.Dispose();
            throw;
        }
        image.Dispose();
        return turned;
    }
}
