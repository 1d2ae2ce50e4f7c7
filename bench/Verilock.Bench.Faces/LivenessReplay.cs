using System.Diagnostics;
using System.Globalization;
using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Faces.Presentation;
using Verilock.Checks.Samples;

namespace Verilock.Bench.Faces;

/// <summary>
/// The passive liveness development set (bench/liveness-replay.sh): every frontal demo face as a genuine selfie under
/// ten upload conditions, as a simulated screen replay at four pitches and two angles, and as a simulated print at
/// three dot sizes with and without a crease; seeds 1–2 tune, 3–4 are held out. Reports, per condition, how many
/// the passive score (model + signals) and the model alone put under the default threshold, and the signals' cost.
/// With --fit it also fits <see cref="PassiveLivenessScore"/>'s weights on the tuning seeds and prints them.
/// </summary>
internal static class LivenessReplay
{
    static readonly int[] TuningSeeds = [1, 2];
    static readonly int[] HeldOutSeeds = [3, 4];
    static readonly double[] Pitches = [0.7, 1.3, 2.2, 3.5];
    static readonly double[] Angles = [0, 5];
    static readonly double[] Cells = [1.5, 2.5, 4];

    sealed record Sample(string Kind, string Condition, int Seed, bool Live, double Model, PresentationSignals Signals, double Score)
    {
        public bool Tuning => TuningSeeds.Contains(Seed);
    }

    /// <param name="quick">Six faces only: a smoke run while changing a signal.</param>
    public static void Run(string models, bool fit, bool quick = false)
    {
        var threshold = Verilock.Domain.Sessions.ProfileSettings.DefaultLivenessThreshold / 100.0;
        using var analyzer = new FaceAnalyzer(models, new FaceModelOptions());
        var pictures = Selfies(analyzer);
        if (quick)
            pictures = pictures.Take(6).ToList();
        Console.WriteLine($"{pictures.Count} demo faces as selfies; load {Load()} at start");
        var samples = new List<Sample>();
        var signalTimes = new List<double>();
        var started = Stopwatch.StartNew();
        foreach (var seed in TuningSeeds.Concat(HeldOutSeeds))
            for (var f = 0; f < pictures.Count; f++)
            {
                var picture = pictures[f];
                var salt = seed * 1000 + f * 37;
                foreach (var condition in GenuineSelfies.Conditions)
                    Add("genuine", condition, true, GenuineSelfies.Capture(picture, condition, salt + condition.Length));
                var variant = 0;
                foreach (var pitch in Pitches)
                    foreach (var angle in Angles)
                    {
                        var replay = new ReplayCondition(pitch, angle, Bezel: (salt + variant) % 2 == 0, Glare: (salt + variant) % 3 == 0);
                        Add("replay", $"pitch {pitch:0.0} px, {angle:0}°", false, ScreenReplays.Capture(picture, replay, salt + variant++));
                    }
                foreach (var cell in Cells)
                    foreach (var crease in new[] { false, true })
                        Add("print", new PrintCondition(cell, crease).ToString(), false, PrintedPhotos.Capture(picture, new PrintCondition(cell, crease), salt + variant++));
                void Add(string kind, string condition, bool live, byte[] image)
                {
                    var analysis = analyzer.AnalyzeSelfie(image, withLiveness: true);
                    if (analysis.Passive is null)
                    {
                        samples.Add(new Sample(kind, condition, seed, live, double.NaN, PresentationSignals.None, double.NaN));
                        return;
                    }
                    using var decoded = Cv2.ImDecode(image, ImreadModes.Color);
                    var clock = Stopwatch.StartNew();
                    PresentationMeasure.Of(decoded, analysis.Face!);
                    signalTimes.Add(clock.Elapsed.TotalMilliseconds);
                    samples.Add(new Sample(kind, condition, seed, live, analysis.Passive.ModelProbability, analysis.Passive.Signals, analysis.LiveProbability!.Value));
                }
            }
        Console.WriteLine($"{samples.Count} captures analysed in {started.Elapsed.TotalSeconds:F0} s; load {Load()} at end\n");
        WriteCsv(samples);
        if (fit)
            Fit(samples.Where(s => s.Tuning && !double.IsNaN(s.Score)).ToList(), threshold);
        Report(samples, threshold);
        signalTimes.Sort();
        Console.WriteLine($"\nSignals' cost per selfie (one thread, {signalTimes.Count} captures): p50 {Percentile(signalTimes, 50):F1} ms, p95 {Percentile(signalTimes, 95):F1} ms, max {signalTimes[^1]:F1} ms");
    }

    /// <summary>The demo faces cut out with a little room round them; a crop showing a neighbour too is left out.</summary>
    static List<byte[]> Selfies(FaceAnalyzer analyzer)
    {
        var selfies = new List<byte[]>();
        for (var photo = 1; photo <= FacePhotos.Count; photo++)
        {
            var bytes = FacePhotos.Read(photo);
            using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
            foreach (var face in analyzer.Detect(image).Where(f => f.Frontality >= new FaceQualityLimits().MinFrontality))
            {
                var selfie = FaceAugmentations.CropAround(bytes, face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height, margin: 0.6f);
                if (analyzer.AnalyzeSelfie(selfie, withLiveness: false).FaceCount == 1)
                    selfies.Add(selfie);
            }
        }
        return selfies;
    }

    static void Report(List<Sample> samples, double threshold)
    {
        foreach (var (title, part) in new[] { ("tuning seeds 1–2", true), ("held-out seeds 3–4", false) })
        {
            Console.WriteLine($"\n### {title} (under {threshold:F2}: refused as genuine, caught as attack)\n");
            Console.WriteLine("| Kind | Condition | n | no single face | passive score under t | model alone under t | median score |\n|---|---|---|---|---|---|---|");
            var set = samples.Where(s => s.Tuning == part).ToList();
            foreach (var group in set.GroupBy(s => (s.Kind, s.Condition)))
                Console.WriteLine(Row(group.Key.Kind, group.Key.Condition, group.ToList(), threshold));
            foreach (var kind in new[] { "genuine", "replay", "print" })
                Console.WriteLine(Row($"**{kind}**", "all", set.Where(s => s.Kind == kind).ToList(), threshold));
        }
    }

    static string Row(string kind, string condition, List<Sample> group, double threshold)
    {
        var measured = group.Where(s => !double.IsNaN(s.Score)).ToList();
        var scores = measured.Select(s => s.Score).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {kind} | {condition} | {group.Count} | {group.Count - measured.Count} | {Share(measured.Count(s => s.Score < threshold), measured.Count)} | " +
            $"{Share(measured.Count(s => s.Model < threshold), measured.Count)} | {(scores.Count == 0 ? double.NaN : Percentile(scores, 50)):F2} |");
    }

    static string Share(int k, int n) => string.Create(CultureInfo.InvariantCulture,
        $"{k}/{n} ({100.0 * k / Math.Max(1, n):F1} %, ≤ {100 * Development.Upper(k, n):F1} %)");

    /// <summary>
    /// L2-regularised logistic regression (gradient descent) on the standardised terms of the tuning seeds, then the
    /// bias moved so that 3 % of the tuning genuine selfies fall under the threshold (a margin under the 5 % target).
    /// </summary>
    static void Fit(List<Sample> tuning, double threshold)
    {
        var rows = tuning.Select(s => PassiveLivenessScore.Values(s.Model, s.Signals)).ToList();
        var labels = tuning.Select(s => s.Live ? 1.0 : 0.0).ToList();
        var terms = PassiveLivenessScore.Terms.Count;
        var centres = Enumerable.Range(0, terms).Select(i => rows.Average(r => r[i])).ToArray();
        var spreads = Enumerable.Range(0, terms).Select(i => Math.Max(1e-6, Math.Sqrt(rows.Average(r => Math.Pow(r[i] - centres[i], 2))))).ToArray();
        var x = rows.Select(r => r.Select((v, i) => (v - centres[i]) / spreads[i]).ToArray()).ToList();
        // Genuine and attacks weigh equally however many of each there are.
        var (positives, negatives) = (labels.Count(l => l == 1), labels.Count(l => l == 0));
        var weights = new double[terms];
        double bias = 0;
        for (var step = 0; step < 4000; step++)
        {
            var gradient = new double[terms];
            double biasGradient = 0;
            for (var n = 0; n < x.Count; n++)
            {
                var z = bias + x[n].Select((v, i) => v * weights[i]).Sum();
                var error = (1 / (1 + Math.Exp(-z)) - labels[n]) / (labels[n] == 1 ? positives : negatives);
                biasGradient += error;
                for (var i = 0; i < terms; i++)
                    gradient[i] += error * x[n][i];
            }
            bias -= 0.5 * biasGradient;
            for (var i = 0; i < terms; i++)
                weights[i] -= 0.5 * (gradient[i] + 0.002 * weights[i]);
        }
        var genuineZ = x.Where((_, n) => labels[n] == 1).Select(v => v.Select((value, i) => value * weights[i]).Sum()).Order().ToList();
        var target = Math.Log(threshold / (1 - threshold));
        bias = target - Percentile(genuineZ, 3);
        Console.WriteLine("Fitted on the tuning seeds:\n");
        Console.WriteLine($"    public const double Bias = {bias.ToString("F3", CultureInfo.InvariantCulture)};");
        for (var i = 0; i < terms; i++)
        {
            var term = PassiveLivenessScore.Terms[i];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    public static readonly Term {Pascal(term.Name)} = new(\"{term.Name}\", {centres[i]:G4}, {spreads[i]:G4}, {weights[i]:F3});"));
        }
        Console.WriteLine();
    }

    static string Pascal(string name) => name == "model_logit" ? "Model" :
        string.Concat(name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    static void WriteCsv(List<Sample> samples)
    {
        var path = Path.Combine(Path.GetTempPath(), "verilock-liveness-replay.csv");
        using var writer = new StreamWriter(path);
        writer.WriteLine("kind,condition,seed,model,peaks,high_band,bezel,clipped,chroma,warmth,black,score");
        foreach (var s in samples)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Kind},\"{s.Condition}\",{s.Seed},{s.Model:F4},{s.Signals.SpectralPeaks:F3},{s.Signals.HighBand:F3},{s.Signals.BezelSides},{s.Signals.ClippedShare:F4},{s.Signals.Chroma:F2},{s.Signals.Warmth:F2},{s.Signals.BlackLevel:F1},{s.Score:F4}"));
        Console.WriteLine($"Per-capture values: {path}");
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
