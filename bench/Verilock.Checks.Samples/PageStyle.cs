using SkiaSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// How a rendered page departs from the plain sample: paper colours, print drawn under the fields and the zone
/// (guilloche, rosettes), print drawn over everything (watermarks, a stock photo's overlay text), and the zone's ink.
/// The drawing callbacks work in millimetres on the page's canvas and get the page's width and height.
/// </summary>
public sealed record PageStyle
{
    /// <summary>Gradient stops of the paper, top left to bottom right; null keeps the plain pale paper.</summary>
    public SKColor[]? Paper { get; init; }

    public Action<SKCanvas, float, float>? UnderPrint { get; init; }

    public Action<SKCanvas, float, float>? OverPrint { get; init; }

    /// <summary>The zone's ink; null keeps near-black.</summary>
    public SKColor? MrzInk { get; init; }
}
