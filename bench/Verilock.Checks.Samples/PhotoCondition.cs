namespace Verilock.Checks.Samples;

/// <summary>How a sample photo departs from a clean, straight, sharp capture.</summary>
public enum PhotoCondition
{
    Clean,
    Rotated90,
    Rotated180,
    Rotated270,
    Skewed,
    Blurred,
    JpegQuality30,
    Perspective,
    LowResolution,
    Glare,
}
