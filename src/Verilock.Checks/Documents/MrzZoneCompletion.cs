namespace Verilock.Checks.Documents;

/// <summary>
/// Zones whose other lines are broken: a watermark over the fillers, blur that thins a line of <c>&lt;&lt;&lt;</c> to
/// nothing, or a seal merged into a line leave one or two of a zone's lines as pieces, and the locator's test for equal
/// lengths turns the zone away. An intact long line with print one line pitch above or below it (pieces covering part
/// of its length, running the same way) gives the zone anyway: the missing lines are the intact one's box moved by
/// the pitch. These candidates are read after every zone found whole.
/// </summary>
internal static class MrzZoneCompletion
{
    /// <summary>Part of the intact line's length that pieces on a neighbouring line must cover.</summary>
    const float MinCoverage = 0.3f;

    /// <summary>
    /// Groups of 2–3 lines (top to bottom) around each of <paramref name="lines"/> (the long lines, top to bottom),
    /// from <paramref name="pieces"/> (every line blob of the mask, broken lines included).
    /// </summary>
    /// <returns>Each group, and whether more print of the same pitch continues it (a paragraph rather than a zone).</returns>
    public static IEnumerable<(List<TextLineBox> Group, bool InBlock)> Groups(List<TextLineBox> lines, List<TextLineBox> pieces)
    {
        foreach (var line in lines)
        {
            var below = Neighbour(line, pieces, +1, null);
            var above = Neighbour(line, pieces, -1, null);
            var group = new List<TextLineBox> { line };
            if (above is { } up)
                group.Insert(0, up);
            if (below is { } down)
                group.Add(down);
            // A third line two pitches away when only one neighbour was found (the intact line is first or last).
            if (group.Count == 2)
            {
                var pitch = line.Across(group[0] == line ? group[1].Center : group[0].Center);
                var side = MathF.Sign(pitch);
                if (Neighbour(side > 0 ? group[1] : group[0], pieces, side, MathF.Abs(pitch)) is { } further)
                {
                    if (side > 0)
                        group.Add(further);
                    else
                        group.Insert(0, further);
                }
            }
            if (group.Count < 2)
                continue;
            var step = MathF.Abs(group[0].Across(group[1].Center));
            var inBlock = Neighbour(group[0], pieces, -1, step) is not null || Neighbour(group[^1], pieces, +1, step) is not null;
            yield return (group, inBlock);
        }
    }

    /// <summary>
    /// The line one pitch from <paramref name="line"/> on <paramref name="side"/> (+1 below, −1 above) as a copy of
    /// <paramref name="line"/>'s box, when pieces there cover enough of its length; null otherwise.
    /// </summary>
    /// <param name="pitch">The zone's line pitch when known (the second step); otherwise 1.2–3.2 line heights.</param>
    static TextLineBox? Neighbour(TextLineBox line, List<TextLineBox> pieces, int side, float? pitch)
    {
        var half = line.Length / 2;
        var near = pieces.Where(p =>
            {
                var across = line.Across(p.Center) * side;
                var slant = MathF.Abs(line.Direction.X * p.Direction.Y - line.Direction.Y * p.Direction.X);
                var inPitch = pitch is { } known
                    ? MathF.Abs(across - known) < 0.3f * known
                    : across > 1.2f * line.Height && across < 3.2f * line.Height;
                // Once the pitch is known a piece may be much taller than print: a seal or watermark merged into it.
                return inPitch && slant < 0.07f && p.Height < (pitch is null ? 2.5f : 4f) * line.Height
                       && MathF.Abs(line.Along(p.Center)) + p.Length / 2 < half + line.Height;
            })
            .ToList();
        if (near.Count == 0)
            return null;
        // The nearest row of pieces: those within half a line height of the closest one.
        var closest = near.Min(p => line.Across(p.Center) * side);
        var row = near.Where(p => line.Across(p.Center) * side < closest + 0.5f * line.Height).ToList();
        if (row.Sum(p => p.Length) < MinCoverage * line.Length)
            return null;
        var offset = row.Sum(p => line.Across(p.Center) * p.Length) / row.Sum(p => p.Length);
        var down = line.Down;
        return line with { Center = new OpenCvSharp.Point2f(line.Center.X + down.X * offset, line.Center.Y + down.Y * offset) };
    }
}
