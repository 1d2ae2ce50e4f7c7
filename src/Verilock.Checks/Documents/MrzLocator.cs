using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// Finds machine-readable zones in a photo without reading anything: dark print is lifted from the page with a
/// black-hat filter, characters are joined into line blobs, and groups of 2–3 long parallel lines of equal
/// length and even spacing (the MRZ's shape, which ordinary printed fields rarely have) become candidates.
/// The search runs on the image and on its transpose, so zones turned by 90° are found like upright ones;
/// which way up a zone reads is guessed from where the rest of the page's print lies (the MRZ is at the
/// bottom of every ICAO document), and the reader tries the other way when the guess reads badly.
/// </summary>
internal static class MrzLocator
{
    /// <summary>Long side of the working image: MRZ characters stay ≥ 8 px tall for a document filling half the frame.</summary>
    public const int WorkLongSide = 1000;

    const int MaxCandidates = 12;

    /// <summary>Pieces of one line in the line masks: the closing already bridged gaps up to its width.</summary>
    const float MaskJoinGap = 4f;

    /// <summary>Score factor for a group inside a longer block of like lines: behind every group that stands alone.</summary>
    const float BlockPenalty = 0.3f;

    /// <summary>Score factor for a zone completed from one intact line (<see cref="MrzZoneCompletion"/>).</summary>
    const float CompletionPenalty = 0.3f;

    /// <summary>
    /// The second look's long side, when the first found nothing valid on a large photo: a document filling a third
    /// of a phone's frame has zone characters of 5–7 px at <see cref="WorkLongSide"/>, too small for the line mask.
    /// </summary>
    public const int DetailLongSide = 2000;

    public static Mat ToWorkScale(Mat gray, out double scale, int longSide = WorkLongSide)
    {
        scale = Math.Min(1.0, (double)longSide / Math.Max(gray.Width, gray.Height));
        if (scale >= 1.0)
            return gray.Clone();
        var work = new Mat();
        Cv2.Resize(gray, work, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        return work;
    }

    /// <param name="work">The grayscale image at working scale.</param>
    /// <param name="scale">Working scale ÷ full scale, to map boxes back to full-resolution coordinates.</param>
    public static IReadOnlyList<MrzCandidate> Locate(Mat work, double scale)
    {
        var candidates = new List<MrzCandidate>();
        var completed = new List<MrzCandidate>();
        foreach (var mask in LineMasks(work))
            using (mask)
                candidates.AddRange(FindZones(mask, MaskPieces, transposed: false, completed: completed));
        using (var transposed = work.T().ToMat())
            foreach (var mask in LineMasks(transposed))
                using (mask)
                    candidates.AddRange(FindZones(mask, MaskPieces, transposed: true, completed: completed));
        // After every zone found whole, so that one of those is read as it always was.
        candidates.AddRange(completed);
        return Ranked(candidates, scale);
    }

    /// <summary>
    /// Zones in a mask that some other means made (<see cref="MrzTextDetector"/>'s text map), upright and turned by
    /// 90°, with <paramref name="pieces"/> turning the mask's blobs into line boxes.
    /// </summary>
    /// <param name="joinGap">How far apart (in line heights) two pieces of one line may be and still be joined.</param>
    internal static IReadOnlyList<MrzCandidate> LocateInMask(Mat mask, double scale, Func<Mat, List<TextLineBox>> pieces, float joinGap)
    {
        var completed = new List<MrzCandidate>();
        var candidates = FindZones(mask, pieces, transposed: false, joinGap, completed).ToList();
        using (var transposed = mask.T().ToMat())
            candidates.AddRange(FindZones(transposed, pieces, transposed: true, joinGap, completed));
        candidates.AddRange(completed);
        return Ranked(candidates.Select(c => c with { Lines = PrintHeight(c.Lines) }).ToList(), scale);
    }

    /// <summary>Print at most this tall for the distance between line centres (OCR-B capitals are about 0.56 of the 4.3 mm ICAO pitch).</summary>
    const float HeightPerLinePitch = 0.7f;

    /// <summary>Print at most this tall for the line's length per character (capitals are about 0.95 of the 2.54 mm pitch).</summary>
    const float HeightPerCharacterPitch = 1.05f;

    /// <summary>
    /// A text map's blobs, grown back by the unclip rule, are often far taller than the print (more so under blur),
    /// and a strip cut from that height scales the characters too small and takes in the neighbouring lines. Two
    /// measures blur does not change bound it: the distance between the lines' centres, and the line's length per
    /// character (30 for three lines, TD1; at most 36 for two: TD2 and MRV-B, 44 for TD3 and MRV-A). A height is
    /// lowered only when both say it is too tall. Only for the detector's zones: on the black-hat masks' lines the
    /// bound also cut sharp print (a mask line is taller than its capitals) and one card then read valid but wrong.
    /// </summary>
    static TextLineBox[] PrintHeight(IReadOnlyList<TextLineBox> lines)
    {
        var pitch = 0f;
        for (var i = 1; i < lines.Count; i++)
            pitch += MathF.Abs(lines[i - 1].Across(lines[i].Center));
        pitch /= lines.Count - 1;
        var characters = lines.Count == 3 ? 30 : 36;
        return lines.Select(l => l with
        {
            Height = Math.Min(l.Height, Math.Max(HeightPerLinePitch * pitch, HeightPerCharacterPitch * l.Length / characters)),
        }).ToArray();
    }

    static MrzCandidate[] Ranked(List<MrzCandidate> candidates, double scale) =>
        Distinct(candidates)
            .OrderByDescending(c => c.Score)
            .Take(MaxCandidates)
            .Select(c => c with { Lines = c.Lines.Select(l => ToFullScale(l, scale)).ToArray() })
            .ToArray();

    /// <summary>
    /// Masks, white where dark print forms horizontal lines, at three binarisations of the black-hat image. The first
    /// (Otsu, widened under glare) is right for ordinary pages. On a page covered in fine security print
    /// (guilloche, rosettes, watermarks) that threshold passes the pattern too and the closing welds it into one
    /// carpet; the zone's ink is still darker than the pattern, so the second threshold is Otsu's again among the
    /// pixels above the first, which splits ink from pattern when there are two populations and changes little
    /// when there is one.
    /// </summary>
    internal static IEnumerable<Mat> LineMasks(Mat gray)
    {
        using var blackHat = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(15, 11)))
            Cv2.MorphologyEx(gray, blackHat, MorphTypes.BlackHat, kernel);
        var mask = new Mat();
        var otsu = Cv2.Threshold(blackHat, mask, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        // Glare lowers the contrast of the print under it below the global threshold; print that is dark
        // relative to its neighbourhood's darkest print still counts, above a floor that keeps paper grain out.
        using (var neighbourhoodMax = new Mat())
        using (var relative = new Mat())
        using (var floor = new Mat())
        {
            using (var reach = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(41, 41)))
                Cv2.Dilate(blackHat, neighbourhoodMax, reach);
            Cv2.Compare(blackHat * 2.2, neighbourhoodMax, relative, CmpTypes.GE);
            Cv2.Threshold(blackHat, floor, otsu * 0.35, 255, ThresholdTypes.Binary);
            Cv2.BitwiseAnd(relative, floor, relative);
            Cv2.BitwiseOr(mask, relative, mask);
        }
        yield return JoinLetters(mask);

        var inkOnly = new Mat();
        Cv2.Threshold(blackHat, inkOnly, OtsuAbove(blackHat, otsu), 255, ThresholdTypes.Binary);
        yield return JoinLetters(inkOnly);

        // Strong sensor noise on a low-contrast or shadowed page passes the glare term everywhere and the
        // closing turns it into a carpet around the print: Otsu alone, on a black-hat of the smoothed image.
        using var smooth = new Mat();
        Cv2.GaussianBlur(gray, smooth, new Size(5, 5), 0);
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(15, 11)))
            Cv2.MorphologyEx(smooth, blackHat, MorphTypes.BlackHat, kernel);
        var denoised = new Mat();
        Cv2.Threshold(blackHat, denoised, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        yield return JoinLetters(denoised);
    }

    /// <summary>Joins the letters of a binarised line into one blob and drops what is thinner than print.</summary>
    static Mat JoinLetters(Mat mask)
    {
        using (var join = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(21, 3)))
            Cv2.MorphologyEx(mask, mask, MorphTypes.Close, join);
        // Thin strokes of background patterns survive Otsu on clean pages; print lines are thicker than 3 px.
        using (var speck = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(5, 3)))
            Cv2.MorphologyEx(mask, mask, MorphTypes.Open, speck);
        return mask;
    }

    /// <summary>Otsu's threshold over the histogram above <paramref name="from"/> only.</summary>
    static double OtsuAbove(Mat image, double from)
    {
        using var histogram = new Mat();
        Cv2.CalcHist([image], [0], null, histogram, 1, [256], [new Rangef(0, 256)]);
        var start = (int)from + 1;
        double total = 0, sum = 0;
        for (var level = start; level < 256; level++)
        {
            var count = histogram.At<float>(level);
            total += count;
            sum += level * count;
        }
        double below = 0, belowSum = 0, best = -1;
        var threshold = start;
        for (var level = start; level < 255; level++)
        {
            var count = histogram.At<float>(level);
            below += count;
            belowSum += level * count;
            var above = total - below;
            if (below == 0 || above == 0)
                continue;
            var difference = belowSum / below - (sum - belowSum) / above;
            var between = below * above * difference * difference;
            if (between > best)
            {
                best = between;
                threshold = level;
            }
        }
        return threshold;
    }

    /// <summary>
    /// The same zone found in several masks is read once, as the first mask found it: the masks are in order of
    /// how well their line boxes fit ordinary print, so a page the first mask reads well reads as it did.
    /// </summary>
    static IEnumerable<MrzCandidate> Distinct(IEnumerable<MrzCandidate> inMaskOrder)
    {
        var kept = new List<MrzCandidate>();
        foreach (var candidate in inMaskOrder)
        {
            if (kept.Any(k => SameZone(k, candidate)))
                continue;
            kept.Add(candidate);
            yield return candidate;
        }
    }

    static bool SameZone(MrzCandidate a, MrzCandidate b)
    {
        if (a.Lines.Count != b.Lines.Count)
            return false;
        var (first, other) = (a.Lines[0], b.Lines[0]);
        var distance = MathF.Sqrt((first.Center.X - other.Center.X) * (first.Center.X - other.Center.X) + (first.Center.Y - other.Center.Y) * (first.Center.Y - other.Center.Y));
        return distance < first.Height && first.Direction.X * other.Direction.X + first.Direction.Y * other.Direction.Y > 0.9f;
    }

    /// <param name="completed">Receives the zones of <see cref="MrzZoneCompletion"/>: one intact line and the broken ones beside it.</param>
    static IEnumerable<MrzCandidate> FindZones(Mat mask, Func<Mat, List<TextLineBox>> pieces, bool transposed, float joinGap = MaskJoinGap,
        List<MrzCandidate>? completed = null)
    {
        var lines = LongLines(mask, pieces, joinGap, out var joined);
        if (completed is not null)
            foreach (var (group, inBlock) in MrzZoneCompletion.Groups(lines, joined))
            {
                var score = group.Sum(l => l.Length) * CompletionPenalty * (inBlock ? BlockPenalty : 1f);
                completed.Add(new MrzCandidate(InReadingOrder(group, ReadsUpright(mask, group), transposed), score));
            }
        var zones = new List<MrzCandidate>();
        for (var first = 0; first < lines.Count; first++)
        {
            var group = new List<TextLineBox> { lines[first] };
            for (var next = first + 1; next < lines.Count && group.Count < 3; next++)
                if (Continues(group[^1], lines[next], group[0]))
                    group.Add(lines[next]);
            if (group.Count < 2)
                continue;
            var lengths = group.Select(l => l.Length).ToArray();
            var score = lengths.Sum() * (lengths.Min() / lengths.Max());
            if (InLongerBlock(lines, first, group))
                score *= BlockPenalty;
            zones.Add(new MrzCandidate(InReadingOrder(group, ReadsUpright(mask, group), transposed), score));
        }
        return zones;
    }

    /// <summary>
    /// An MRZ has two or three lines and a clear band around it (ICAO 9303 part 3); lines of the same length at the
    /// same pitch directly above or below the group make it part of a paragraph (a letter, a newspaper, the page
    /// beside the document) or only part of a zone. Such groups are still tried, after the others.
    /// </summary>
    static bool InLongerBlock(List<TextLineBox> lines, int first, List<TextLineBox> group)
    {
        for (var other = 0; other < lines.Count; other++)
        {
            if (group.Contains(lines[other]))
                continue;
            if (other < first && Adjoins(lines[other], group[0]) || other > first && Adjoins(group[^1], lines[other]))
                return true;
        }
        return false;
    }

    /// <summary>
    /// <paramref name="below"/> is the next line of the same block as <paramref name="above"/>: one line pitch
    /// down, overlapping it along most of the shorter one's length, whatever the lengths (paragraph lines are ragged).
    /// </summary>
    static bool Adjoins(TextLineBox above, TextLineBox below)
    {
        var height = (above.Height + below.Height) / 2f;
        var gap = above.Across(below.Center);
        var offset = MathF.Abs(above.Along(below.Center));
        var overlap = Math.Min(above.Length, below.Length) / 2f + Math.Max(above.Length, below.Length) / 2f - offset;
        return gap > 1.2f * height && gap < 3.2f * height && overlap > 0.5f * Math.Min(above.Length, below.Length);
    }

    /// <summary>
    /// Line blobs shaped like an MRZ line (30 or 44 characters about as wide as tall: 12 to 65 times longer
    /// than tall) within 25° of horizontal, sorted top to bottom. The upper bound keeps rules, stripes and
    /// table borders out; OCR-ing one would cost seconds for nothing.
    /// </summary>
    static List<TextLineBox> LongLines(Mat mask, Func<Mat, List<TextLineBox>> findPieces, float joinGap, out List<TextLineBox> joined)
    {
        var pieces = findPieces(mask);
        var minLength = Math.Max(mask.Width, mask.Height) * 0.18f;
        joined = JoinBrokenLines(pieces, joinGap);
        var lines = joined.Where(l => l.Length >= minLength && l.Length >= 12 * l.Height && l.Length <= 65 * l.Height).ToList();
        lines.Sort((a, b) => a.Center.Y.CompareTo(b.Center.Y));
        return lines;
    }

    /// <summary>The line mask's blobs as line boxes: at least print-thick and twice as long as tall.</summary>
    static List<TextLineBox> MaskPieces(Mat mask)
    {
        Cv2.FindContours(mask, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        var pieces = new List<TextLineBox>();
        foreach (var contour in contours)
        {
            var piece = Flat(Cv2.MinAreaRect(contour));
            if (piece is { Height: >= 4 } p && p.Length >= 2 * p.Height)
                pieces.Add(p);
        }
        return pieces;
    }

    internal static TextLineBox? Flat(RotatedRect box)
    {
        var (length, height, angle) = box.Size.Width >= box.Size.Height
            ? (box.Size.Width, box.Size.Height, box.Angle)
            : (box.Size.Height, box.Size.Width, box.Angle + 90f);
        if (angle > 90f) angle -= 180f;
        if (Math.Abs(angle) > 25f)
            return null;
        var radians = angle * MathF.PI / 180f;
        return new TextLineBox(box.Center, length, height, new Point2f(MathF.Cos(radians), MathF.Sin(radians)));
    }

    /// <summary>
    /// Rejoins pieces of one line that the closing left apart: in a name like <c>BOIS&lt;DE&lt;LA</c> the thin
    /// fillers can drop out of the mask, leaving a gap wider than the joining kernel.
    /// </summary>
    internal static List<TextLineBox> JoinBrokenLines(List<TextLineBox> pieces, float joinGap)
    {
        pieces.Sort((a, b) => (a.Center.X - a.Length / 2).CompareTo(b.Center.X - b.Length / 2));
        var joined = new List<TextLineBox>();
        var used = new bool[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            if (used[i]) continue;
            var line = pieces[i];
            for (var j = i + 1; j < pieces.Count; j++)
            {
                if (used[j] || !SameLine(line, pieces[j], joinGap)) continue;
                line = Union(line, pieces[j]);
                used[j] = true;
            }
            joined.Add(line);
        }
        return joined;
    }

    static bool SameLine(TextLineBox line, TextLineBox next, float joinGap)
    {
        var gap = line.Along(next.Center) - line.Length / 2 - next.Length / 2;
        return next.Height > 0.6f * line.Height && next.Height < 1.6f * line.Height
               && MathF.Abs(line.Across(next.Center)) < 0.4f * line.Height
               && gap < joinGap * line.Height && gap > -line.Height;
    }

    static TextLineBox Union(TextLineBox a, TextLineBox b)
    {
        var corners = Corners(a).Concat(Corners(b)).ToArray();
        return Flat(Cv2.MinAreaRect(corners)) ?? a;
    }

    static IEnumerable<Point2f> Corners(TextLineBox l)
    {
        var along = new Point2f(l.Direction.X * l.Length / 2, l.Direction.Y * l.Length / 2);
        var across = new Point2f(l.Down.X * l.Height / 2, l.Down.Y * l.Height / 2);
        yield return l.Center + along + across;
        yield return l.Center + along - across;
        yield return l.Center - along + across;
        yield return l.Center - along - across;
    }

    /// <summary>The next MRZ line: same length and slant as the first, directly below the previous one, one line pitch away.</summary>
    static bool Continues(TextLineBox previous, TextLineBox next, TextLineBox first)
    {
        var height = (previous.Height + next.Height) / 2f;
        var gap = previous.Across(next.Center);
        var slant = MathF.Abs(previous.Direction.X * next.Direction.Y - previous.Direction.Y * next.Direction.X);
        return next.Length > 0.85f * first.Length && next.Length < 1.18f * first.Length
               && slant < 0.07f
               && gap > 1.2f * height && gap < 3.2f * height
               && MathF.Abs(previous.Along(next.Center)) < 0.08f * first.Length;
    }

    /// <summary>
    /// Upright when more print lies above the zone than below it: on every ICAO document the MRZ is the bottom
    /// of the page, with the data fields and portrait above.
    /// </summary>
    static bool ReadsUpright(Mat mask, List<TextLineBox> group)
    {
        var top = group[0];
        var bottom = group[^1];
        var reach = (int)(top.Length * 0.5f);
        var left = (int)Math.Max(0, Math.Min(top.Center.X, bottom.Center.X) - top.Length / 2);
        var right = (int)Math.Min(mask.Width, Math.Max(top.Center.X, bottom.Center.X) + top.Length / 2);
        var above = InkIn(mask, left, right, (int)(top.Center.Y - top.Height * 1.5f) - reach, (int)(top.Center.Y - top.Height * 1.5f));
        var below = InkIn(mask, left, right, (int)(bottom.Center.Y + bottom.Height * 1.5f), (int)(bottom.Center.Y + bottom.Height * 1.5f) + reach);
        return above >= below;
    }

    static int InkIn(Mat mask, int left, int right, int top, int bottom)
    {
        top = Math.Clamp(top, 0, mask.Height);
        bottom = Math.Clamp(bottom, 0, mask.Height);
        if (bottom <= top || right <= left)
            return 0;
        using var region = new Mat(mask, new Rect(left, top, right - left, bottom - top));
        return Cv2.CountNonZero(region);
    }

    /// <summary>
    /// Orders a top-to-bottom group first line to last and gives every line the reading direction whose
    /// <see cref="TextLineBox.Down"/> points from the first line to the last. The transposed pass sees the page
    /// mirrored, so its "down" is swapped back into image axes before the direction is derived from it.
    /// </summary>
    static TextLineBox[] InReadingOrder(List<TextLineBox> group, bool upright, bool transposed)
    {
        var down = upright ? group[0].Down : new Point2f(-group[0].Down.X, -group[0].Down.Y);
        if (transposed)
            down = new Point2f(down.Y, down.X);
        var direction = new Point2f(down.Y, -down.X);
        var ordered = upright ? group : Enumerable.Reverse(group);
        return ordered
            .Select(l => l with { Center = transposed ? new Point2f(l.Center.Y, l.Center.X) : l.Center, Direction = direction })
            .ToArray();
    }

    static TextLineBox ToFullScale(TextLineBox line, double scale) => line with
    {
        Center = new Point2f((float)(line.Center.X / scale), (float)(line.Center.Y / scale)),
        Length = (float)(line.Length / scale),
        Height = (float)(line.Height / scale),
    };
}
