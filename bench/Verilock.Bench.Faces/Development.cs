using System.Globalization;
using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Bench.Faces;

/// <summary>
/// The selfie-versus-document development set: every demo face as a selfie under nine conditions against every
/// face printed on a passport page under ten (<see cref="DevelopmentCaptures"/>). Same person: genuine; else
/// impostor. Measured in one run for the single-view pipeline (before) and the flip-averaged, refined one (now),
/// each at its own thresholds, so the two are compared on the same images. Prints Markdown for docs/face-matching.md.
/// </summary>
internal static class Development
{
    sealed record Person(int Identity, int Photo, string Name, Dictionary<string, byte[]> Selfies, Dictionary<string, byte[]> Documents);

    sealed record Side(int Person, string Condition, float[]? Embedding, double EyeDistance);

    public static void Run(string models, bool fast)
    {
        var people = Build(models, fast);
        Console.WriteLine($"## Development set\n\n{people.Count} faces of {people.Select(p => p.Identity).Distinct().Count()} people; " +
                          $"{people[0].Selfies.Count} selfie conditions × {people[0].Documents.Count} document conditions each; load average {Load()}\n");
        var configurations = new (string Name, FaceModelOptions Options)[]
        {
            ("before: one view, no refinement", new FaceModelOptions { Embedder = { FlipAverage = false }, RefineFacesBelowShare = 0, Match = { Review = 0.34, Accept = 0.50, VeryHigh = 0.65 } }),
            ("flip-averaged only", new FaceModelOptions { RefineFacesBelowShare = 0 }),
            ("small faces refined only", new FaceModelOptions { Embedder = { FlipAverage = false } }),
            ("now: flip-averaged, small faces refined", new FaceModelOptions()),
        };
        foreach (var (name, options) in configurations)
        {
            using var analyzer = new FaceAnalyzer(models, options);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var selfies = new List<Side>();
            var documents = new List<Side>();
            for (var i = 0; i < people.Count; i++)
            {
                foreach (var (condition, image) in people[i].Selfies)
                    selfies.Add(EmbedSelfie(analyzer, i, condition, image));
                foreach (var (condition, image) in people[i].Documents)
                {
                    var portrait = analyzer.AnalyzePortrait(image);
                    documents.Add(new Side(i, condition, portrait.Embedding, portrait.Face?.EyeDistance ?? 0));
                }
            }
            Console.WriteLine($"### {name}\n\n{analyzer.EmbeddingModel}; thresholds review {options.Match.Review:F2}, accept {options.Match.Accept:F2}; " +
                              $"{selfies.Count + documents.Count} images embedded in {watch.Elapsed.TotalSeconds:F0} s\n");
            Report(people, selfies, documents, options.Match);
        }
    }

    static List<Person> Build(string models, bool fast)
    {
        using var analyzer = new FaceAnalyzer(models, new FaceModelOptions());
        var (faces, _) = FaceCorpus.Build(analyzer, withProbes: false);
        var people = new List<Person>();
        foreach (var face in faces.Take(fast ? 6 : int.MaxValue))
        {
            var selfies = DevelopmentCaptures.Selfies(face.Picture).ToDictionary(c => c.Name, c => c.Image);
            var documents = DevelopmentCaptures.Documents(FaceCorpus.TightPortrait(face.Picture), people.Count).ToDictionary(c => c.Name, c => c.Image);
            people.Add(new Person(face.Identity, face.Photo, $"sample{face.Photo} x={face.Box.Box.X:F0}", selfies, documents));
        }
        return people;
    }

    static Side EmbedSelfie(FaceAnalyzer analyzer, int person, string condition, byte[] picture)
    {
        using var image = Cv2.ImDecode(picture, ImreadModes.Color);
        var face = Calibration.Central(analyzer, image);
        return new Side(person, condition, face is null ? null : analyzer.Embed(image, face), face?.EyeDistance ?? 0);
    }

    static void Report(List<Person> people, List<Side> selfies, List<Side> documents, FaceMatchThresholds thresholds)
    {
        var genuine = new List<(Side Selfie, Side Document, double Cosine)>();
        var impostor = new List<(Side Selfie, Side Document, double Cosine)>();
        var missed = 0;
        foreach (var s in selfies)
            foreach (var d in documents)
            {
                var same = people[s.Person].Identity == people[d.Person].Identity;
                if (s.Embedding is null || d.Embedding is null)
                {
                    if (same)
                        missed++;
                    continue;
                }
                (same ? genuine : impostor).Add((s, d, FaceEmbedder.Cosine(s.Embedding, d.Embedding)));
            }
        var noFace = selfies.Where(s => s.Embedding is null).Select(s => $"selfie {s.Condition} of {people[s.Person].Name}")
            .Concat(documents.Where(d => d.Embedding is null).Select(d => $"{d.Condition} of {people[d.Person].Name}")).ToList();
        Console.WriteLine($"No face found: {(noFace.Count == 0 ? "none" : string.Join("; ", noFace))} ({missed} genuine pairs lost, counted as rejected below)\n");

        var g = genuine.Select(p => p.Cosine).Order().ToList();
        var im = impostor.Select(p => p.Cosine).Order().ToList();
        Console.WriteLine("| | n | min | p1 | p5 | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(Row("genuine cosine", g));
        var cross = genuine.Where(p => people[p.Selfie.Person].Photo != people[p.Document.Person].Photo).Select(p => p.Cosine).Order().ToList();
        if (cross.Count > 0)
            Console.WriteLine(Row("genuine, other photo of the person", cross));
        Console.WriteLine(Row("impostor cosine", im));

        Console.WriteLine("\n| Document condition | portrait eye distance px (median) | genuine ≥ accept | genuine ≥ review | genuine min | impostor max |\n|---|---|---|---|---|---|");
        foreach (var condition in documents.Select(d => d.Condition).Distinct())
        {
            var eyes = documents.Where(d => d.Condition == condition && d.Embedding is not null).Select(d => d.EyeDistance).Order().ToList();
            Console.WriteLine(ConditionRow(condition, $"{Percentile(eyes, 50):F0}", genuine.Where(p => p.Document.Condition == condition).Select(p => p.Cosine).ToList(),
                impostor.Where(p => p.Document.Condition == condition).Select(p => p.Cosine).ToList(), thresholds));
        }
        Console.WriteLine("\n| Selfie condition | eye distance px (median) | genuine ≥ accept | genuine ≥ review | genuine min | impostor max |\n|---|---|---|---|---|---|");
        foreach (var condition in selfies.Select(s => s.Condition).Distinct())
        {
            var eyes = selfies.Where(s => s.Condition == condition && s.Embedding is not null).Select(s => s.EyeDistance).Order().ToList();
            Console.WriteLine(ConditionRow(condition, $"{Percentile(eyes, 50):F0}", genuine.Where(p => p.Selfie.Condition == condition).Select(p => p.Cosine).ToList(),
                impostor.Where(p => p.Selfie.Condition == condition).Select(p => p.Cosine).ToList(), thresholds));
        }

        var genuineTotal = g.Count + missed;
        Console.WriteLine("\n| threshold | FAR (impostor pairs ≥) | 95 % upper | FRR (genuine pairs <) | 95 % upper | people pairs with a false accept | people with a false reject |\n|---|---|---|---|---|---|---|");
        var identities = people.Select(p => p.Identity).Distinct().Count();
        for (var t = 0.26; t <= 0.561; t += 0.02)
            Console.WriteLine(ErrorRow(t.ToString("F2", CultureInfo.InvariantCulture), t, people, genuine, impostor, genuineTotal, missed, identities));
        Console.WriteLine(ErrorRow($"**review {thresholds.Review:F2}**", thresholds.Review, people, genuine, impostor, genuineTotal, missed, identities));
        Console.WriteLine(ErrorRow($"**accept {thresholds.Accept:F2}**", thresholds.Accept, people, genuine, impostor, genuineTotal, missed, identities));
        var worst = impostor.OrderByDescending(p => p.Cosine).Take(3).Select(p => $"{people[p.Selfie.Person].Name} {p.Selfie.Condition} vs {people[p.Document.Person].Name} {p.Document.Condition} {p.Cosine:F3}");
        Console.WriteLine($"\nHighest impostors: {string.Join("; ", worst)}\n");
    }

    static string ErrorRow(string label, double t, List<Person> people, List<(Side Selfie, Side Document, double Cosine)> genuine,
        List<(Side Selfie, Side Document, double Cosine)> impostor, int genuineTotal, int missed, int identities)
    {
        var falseAccepts = impostor.Count(p => p.Cosine >= t);
        var falseRejects = genuine.Count(p => p.Cosine < t) + missed;
        var acceptedPairs = impostor.Where(p => p.Cosine >= t).Select(p => (Math.Min(people[p.Selfie.Person].Identity, people[p.Document.Person].Identity), Math.Max(people[p.Selfie.Person].Identity, people[p.Document.Person].Identity))).Distinct().Count();
        var rejectedPeople = genuine.Where(p => p.Cosine < t).Select(p => people[p.Selfie.Person].Identity).Distinct().Count();
        var personPairs = identities * (identities - 1) / 2;
        return $"| {label} | {Rate(falseAccepts, impostor.Count)} | {Pct(Upper(falseAccepts, impostor.Count))} | {Rate(falseRejects, genuineTotal)} | {Pct(Upper(falseRejects, genuineTotal))} | " +
               $"{acceptedPairs}/{personPairs} (≤ {Pct(Upper(acceptedPairs, personPairs))}) | {rejectedPeople}/{identities} |";
    }

    static string ConditionRow(string condition, string eyes, List<double> genuine, List<double> impostor, FaceMatchThresholds thresholds) =>
        $"| {condition} | {eyes} | {genuine.Count(c => c >= thresholds.Accept)}/{genuine.Count} | {genuine.Count(c => c >= thresholds.Review)}/{genuine.Count} | " +
        $"{(genuine.Count == 0 ? "–" : genuine.Min().ToString("F3", CultureInfo.InvariantCulture))} | {(impostor.Count == 0 ? "–" : impostor.Max().ToString("F3", CultureInfo.InvariantCulture))} |";

    /// <summary>
    /// One-sided 95 % Clopper-Pearson upper bound on a rate with <paramref name="k"/> events in <paramref name="n"/>
    /// trials: the p at which seeing k or fewer has probability 5 % (for k = 0, 1 − 0.05^(1/n) ≈ 3 / n).
    /// </summary>
    internal static double Upper(int k, int n)
    {
        if (n == 0)
            return 1;
        if (k >= n)
            return 1;
        double low = 0, high = 1;
        for (var i = 0; i < 60; i++)
        {
            var p = (low + high) / 2;
            if (AtMost(k, n, p) > 0.05)
                low = p;
            else
                high = p;
        }
        return high;
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p), summed in log space so large n does not underflow.</summary>
    static double AtMost(int k, int n, double p)
    {
        var logTerm = n * Math.Log(1 - p);
        var logRatio = Math.Log(p) - Math.Log(1 - p);
        var sum = Math.Exp(logTerm);
        for (var i = 0; i < k; i++)
        {
            logTerm += Math.Log(n - i) - Math.Log(i + 1) + logRatio;
            sum += Math.Exp(logTerm);
        }
        return Math.Min(1, sum);
    }

    static string Row(string name, List<double> v) => v.Count == 0 ? $"| {name} | 0 |" :
        $"| {name} | {v.Count} | {v[0]:F3} | {Percentile(v, 1):F3} | {Percentile(v, 5):F3} | {Percentile(v, 50):F3} | {Percentile(v, 95):F3} | {Percentile(v, 99):F3} | {v[^1]:F3} |";

    static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    static string Rate(int count, int total) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / Math.Max(1, total):F2} % ({count}/{total})");

    static string Pct(double rate) => string.Create(CultureInfo.InvariantCulture, $"{100 * rate:F2} %");

    static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
