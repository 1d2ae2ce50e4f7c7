using System.Globalization;
using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Bench.Faces;

/// <summary>
/// Genuine and impostor cosine distributions over the demo photos and their re-captures, the error rates at
/// candidate thresholds, and the evidence for the undocumented model classes. Prints Markdown for
/// docs/face-matching.md.
/// </summary>
internal static class Calibration
{
    public static void Run(string models)
    {
        using var analyzer = new FaceAnalyzer(models, new FaceModelOptions());
        var (faces, skipped) = FaceCorpus.Build(analyzer);
        Console.WriteLine($"## Corpus\n\n{faces.Count} frontal faces of {faces.Select(f => f.Identity).Distinct().Count()} people; skipped: {string.Join("; ", skipped)}");
        var misses = faces.SelectMany(f => f.Misses).GroupBy(m => m).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Console.WriteLine($"Re-captures where no face was found again: {(misses.Count == 0 ? "none" : string.Join(", ", misses))}\n");

        var genuine = new List<(string Kind, double Cosine)>();
        var impostor = new List<double>();
        foreach (var a in faces)
            foreach (var b in faces)
            {
                var same = a.Identity == b.Identity;
                if (ReferenceEquals(a, b))
                {
                    genuine.AddRange(b.Probes.Select(p => (p.Name, FaceEmbedder.Cosine(a.Reference, p.Embedding))));
                    continue;
                }
                if (same)
                {
                    genuine.Add(("other_photo", FaceEmbedder.Cosine(a.Reference, b.Reference)));
                    genuine.AddRange(b.Probes.Select(p => ("other_photo+" + p.Name, FaceEmbedder.Cosine(a.Reference, p.Embedding))));
                    continue;
                }
                if (a.Photo * 100 + a.Box.Box.X < b.Photo * 100 + b.Box.Box.X)
                    impostor.Add(FaceEmbedder.Cosine(a.Reference, b.Reference));
                impostor.AddRange(b.Probes.Select(p => FaceEmbedder.Cosine(a.Reference, p.Embedding)));
            }

        Console.WriteLine("## Genuine cosine by re-capture\n\n| Re-capture | n | min | p5 | median |\n|---|---|---|---|---|");
        foreach (var group in genuine.GroupBy(g => g.Kind.StartsWith("other_photo", StringComparison.Ordinal) ? "other photo of the same person (+ its re-captures)" : g.Kind))
        {
            var values = group.Select(g => g.Cosine).Order().ToList();
            Console.WriteLine($"| {group.Key} | {values.Count} | {values[0]:F3} | {Percentile(values, 5):F3} | {Percentile(values, 50):F3} |");
        }
        var genuineAll = genuine.Select(g => g.Cosine).Order().ToList();
        impostor.Sort();
        Console.WriteLine($"\n## Distributions\n\n| | n | min | p1 | p5 | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(Row("genuine", genuineAll));
        Console.WriteLine(Row("impostor", impostor));
        Console.WriteLine("\n| cosine bin | genuine | impostor |\n|---|---|---|");
        for (var bin = -0.2; bin < 1.0; bin += 0.1)
        {
            var (low, high) = (bin, bin + 0.1);
            Console.WriteLine($"| {low:F1} – {high:F1} | {genuineAll.Count(v => v >= low && v < high)} | {impostor.Count(v => v >= low && v < high)} |");
        }
        Console.WriteLine("\n## Error rates by threshold\n\n| threshold | FAR (impostors ≥) | FRR (genuine <) |\n|---|---|---|");
        for (var t = 0.20; t <= 0.701; t += 0.02)
            Console.WriteLine($"| {t:F2} | {Rate(impostor.Count(v => v >= t), impostor.Count)} | {Rate(genuineAll.Count(v => v < t), genuineAll.Count)} |");
        var defaults = new FaceMatchThresholds();
        Console.WriteLine($"\nConfigured: review {defaults.Review:F2} (FAR {Rate(impostor.Count(v => v >= defaults.Review), impostor.Count)}, FRR {Rate(genuineAll.Count(v => v < defaults.Review), genuineAll.Count)}), " +
                          $"accept {defaults.Accept:F2} (FAR {Rate(impostor.Count(v => v >= defaults.Accept), impostor.Count)}, FRR {Rate(genuineAll.Count(v => v < defaults.Accept), genuineAll.Count)}), " +
                          $"very high {defaults.VeryHigh:F2}.");
        Evidence(analyzer, models, faces);
        Quality(analyzer, faces);
    }

    /// <summary>The selfie gates' measures on the faces as photographed and after blurring or darkening them.</summary>
    public static void Quality(FaceAnalyzer analyzer, List<CorpusFace> faces)
    {
        Console.WriteLine("\n## Quality measures of the aligned face (median, min–max)\n\n| Picture | sharpness | brightness | flagged by the gates |\n|---|---|---|---|");
        var variants = new Dictionary<string, List<(double Sharpness, double Brightness, IReadOnlyList<string> Issues)>>();
        foreach (var face in faces)
        {
            var pictures = new[] { ("as photographed", face.Picture) }.Concat(FaceAugmentations.Variants(face.Picture)
                .Where(v => v.Name is "blur_1.5" or "blur_2.5" or "dark_0.5" or "scale_1/3"));
            foreach (var (name, picture) in pictures)
            {
                using var image = Cv2.ImDecode(picture, ImreadModes.Color);
                var found = Central(analyzer, image);
                if (found is null)
                    continue;
                using var aligned = FaceAligner.Align(image, found, 112);
                var (sharpness, brightness) = FaceAnalyzer.Measure(aligned);
                var issues = analyzer.AnalyzeSelfie(picture, withLiveness: false).Issues;
                (variants.TryGetValue(name, out var list) ? list : variants[name] = []).Add((sharpness, brightness, issues));
            }
        }
        foreach (var (name, values) in variants)
        {
            var sharp = values.Select(v => v.Sharpness).Order().ToList();
            var bright = values.Select(v => v.Brightness).Order().ToList();
            var flagged = values.SelectMany(v => v.Issues).GroupBy(i => i).Select(g => $"{g.Key} ×{g.Count()}");
            Console.WriteLine($"| {name} | {Percentile(sharp, 50):F0} ({sharp[0]:F0}–{sharp[^1]:F0}) | {Percentile(bright, 50):F0} ({bright[0]:F0}–{bright[^1]:F0}) | {string.Join(", ", flagged)} (of {values.Count}) |");
        }
    }

    /// <summary>Which output classes mean what, for the models whose classes nobody documented.</summary>
    static void Evidence(FaceAnalyzer analyzer, string models, List<CorpusFace> faces)
    {
        using var rgb = new FaceAnalyzer(models, new FaceModelOptions { LivenessChannelOrder = ChannelOrder.Rgb });
        Console.WriteLine("\n## Liveness classes (mean probability per class)\n\n| Input | order | n | class 0 | class 1 | class 2 | class 0 > 0.5 |\n|---|---|---|---|---|---|---|");
        var sets = new Dictionary<string, List<(Mat Image, DetectedFace Face)>>
        {
            ["camera photo (face crop)"] = [],
            ["printed on a passport page, photographed"] = [],
            ["shown on a screen, re-photographed"] = [],
        };
        foreach (var face in faces)
        {
            Add(analyzer, sets["camera photo (face crop)"], face.Picture, central: true);
            var document = SampleDocuments.Specimen with { Portrait = FaceCorpus.TightPortrait(face.Picture) };
            Add(analyzer, sets["printed on a passport page, photographed"], DocumentPhotographer.Photograph(document, PhotoCondition.JpegQuality30), central: false);
            Add(analyzer, sets["shown on a screen, re-photographed"], ScreenReplay.Capture(face.Picture), central: true);
        }
        foreach (var set in sets.Values)
            set.RemoveAll(s => s.Face is null);
        foreach (var (name, set) in sets)
            foreach (var (order, model) in new[] { ("BGR", analyzer), ("RGB", rgb) })
            {
                var classes = set.Select(s => model.LivenessClasses(s.Image, s.Face)).ToList();
                Console.WriteLine($"| {name} | {order} | {classes.Count} | {classes.Average(c => c[0]):F2} | {classes.Average(c => c[1]):F2} | {classes.Average(c => c[2]):F2} | {classes.Count(c => c[0] > 0.5)} |");
            }

        Console.WriteLine("\n## Eye model (probability of class 0), pose yaw sign, expression classes\n");
        var open = new List<double>();
        var closed = new List<double>();
        var agree = 0;
        var poses = 0;
        var mirroredFlips = 0;
        var happiest = new int[7];
        foreach (var face in faces)
        {
            using var image = Cv2.ImDecode(face.Picture, ImreadModes.Color);
            var found = Central(analyzer, image);
            if (found is null)
                continue;
            var (l, r) = analyzer.EyesClosed(image, found);
            open.Add(Math.Min(l, r));
            var shut = FaceAugmentations.WithClosedEyes(face.Picture, (found.ImageLeftEye.X, found.ImageLeftEye.Y), (found.ImageRightEye.X, found.ImageRightEye.Y));
            using var shutImage = Cv2.ImDecode(shut, ImreadModes.Color);
            var (cl, cr) = analyzer.EyesClosed(shutImage, found);
            closed.Add(Math.Min(cl, cr));

            var yaw = analyzer.Pose(image, found).Yaw;
            var noseOffset = (found.Nose.X - (found.ImageLeftEye.X + found.ImageRightEye.X) / 2) / found.EyeDistance;
            if (Math.Abs(noseOffset) > 0.1)
            {
                poses++;
                if (Math.Sign(yaw) == -Math.Sign(noseOffset))
                    agree++;
            }
            using var mirrored = new Mat();
            Cv2.Flip(image, mirrored, FlipMode.Y);
            var mirroredFace = Central(analyzer, mirrored);
            if (mirroredFace is not null && Math.Sign(analyzer.Pose(mirrored, mirroredFace).Yaw) == -Math.Sign(yaw))
                mirroredFlips++;
            var expressions = analyzer.Expressions(image, found);
            happiest[Array.IndexOf(expressions, expressions.Max())]++;
        }
        Console.WriteLine($"- Eye class 0 (min of both eyes): photos with open eyes median {Percentile(open.Order().ToList(), 50):F2}, {open.Count(v => v >= 0.7)} of {open.Count} ≥ 0.7; " +
                          $"same faces with lids painted shut median {Percentile(closed.Order().ToList(), 50):F2}, {closed.Count(v => v >= 0.7)} of {closed.Count} ≥ 0.7.");
        Console.WriteLine($"- Yaw sign: on {agree} of {poses} faces whose nose is visibly off the eyes' midpoint, positive yaw goes with the nose towards the image's left; " +
                          $"mirroring the photo flips the sign on {mirroredFlips} of {faces.Count}.");
        Console.WriteLine($"- Expression: the most likely class per face (the demo photos are mostly smiling): {string.Join(", ", happiest.Select((n, i) => $"class {i}: {n}"))}.");
    }

    static void Add(FaceAnalyzer analyzer, List<(Mat Image, DetectedFace Face)> set, byte[] picture, bool central)
    {
        var image = Cv2.ImDecode(picture, ImreadModes.Color);
        var face = central ? Central(analyzer, image) : analyzer.Detect(image).MaxBy(f => f.Area);
        set.Add((image, face!));
    }

    internal static DetectedFace? Central(FaceAnalyzer analyzer, Mat image)
    {
        var centre = new Point2f(image.Cols / 2f, image.Rows / 2f);
        return analyzer.Detect(image).MinBy(f => Math.Abs(f.Box.X + f.Box.Width / 2 - centre.X) + Math.Abs(f.Box.Y + f.Box.Height / 2 - centre.Y));
    }

    static string Row(string name, List<double> v) =>
        $"| {name} | {v.Count} | {v[0]:F3} | {Percentile(v, 1):F3} | {Percentile(v, 5):F3} | {Percentile(v, 50):F3} | {Percentile(v, 95):F3} | {Percentile(v, 99):F3} | {v[^1]:F3} |";

    static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    static string Rate(int count, int total) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / total:F2} % ({count}/{total})");
}
