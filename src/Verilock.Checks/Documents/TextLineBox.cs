using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// One line of print found by the locator, in full-resolution image coordinates: its centre, its extent along
/// and across the text, and the direction the text reads in (a unit vector, so 90° and 180° turns are just
/// other directions).
/// </summary>
internal readonly record struct TextLineBox(Point2f Center, float Length, float Height, Point2f Direction)
{
    /// <summary>Perpendicular to the reading direction, pointing from the first line towards the next.</summary>
    public Point2f Down => new(-Direction.Y, Direction.X);

    public TextLineBox Reversed() => this with { Direction = new Point2f(-Direction.X, -Direction.Y) };

    public float Across(Point2f point) => (point.X - Center.X) * Down.X + (point.Y - Center.Y) * Down.Y;

    public float Along(Point2f point) => (point.X - Center.X) * Direction.X + (point.Y - Center.Y) * Direction.Y;
}
