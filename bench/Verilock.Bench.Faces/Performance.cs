using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;
using Verilock.Server.Accounts;
using Verilock.Server.Hosting;

namespace Verilock.Bench.Faces;

/// <summary>
/// Model load time, per-image latency (decode + detect + align + embed, and the whole selfie analysis) on one
/// thread, the process's memory with every model loaded, and submit → decision of full live sessions (document +
/// selfie + face_match + liveness) on an in-process server with its real workers and SQLite.
/// </summary>
internal static class Performance
{
    public static async Task RunAsync(string models, int rounds, int sessions)
    {
        var rssBefore = Rss();
        var load = Stopwatch.StartNew();
        var analyzer = new FaceAnalyzer(models, new FaceModelOptions());
        var loadMs = load.Elapsed.TotalMilliseconds;
        Console.WriteLine($"Model load (six ONNX models): {loadMs:F0} ms; RSS {rssBefore} → {Rss()} MiB");

        var pictures = new List<byte[]>();
        for (var photo = 1; photo <= FacePhotos.Count; photo++)
        {
            var bytes = FacePhotos.Read(photo);
            using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
            pictures.AddRange(analyzer.Detect(image).Where(f => f.Frontality >= 0.25)
                .Select(f => FaceAugmentations.CropAround(bytes, f.Box.X, f.Box.Y, f.Box.Width, f.Box.Height)));
        }
        using (var first = Cv2.ImDecode(pictures[0], ImreadModes.Color))
            Console.WriteLine($"{pictures.Count} selfie-like JPEGs (about {first.Cols} × {first.Rows} px), {rounds} rounds, one thread");

        var embed = new List<double>();
        var selfie = new List<double>();
        var process = Process.GetCurrentProcess();
        TimeSpan embedCpu = TimeSpan.Zero, selfieCpu = TimeSpan.Zero;
        var (decodeMs, detectMs, alignEmbedMs) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
            foreach (var picture in pictures)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                using (var image = Cv2.ImDecode(picture, ImreadModes.Color))
                {
                    decodeMs.Add(watch.Elapsed.TotalMilliseconds);
                    var stage = Stopwatch.StartNew();
                    var face = analyzer.Detect(image).MaxBy(f => f.Area);
                    detectMs.Add(stage.Elapsed.TotalMilliseconds);
                    stage.Restart();
                    if (face is not null)
                        analyzer.Embed(image, face);
                    alignEmbedMs.Add(stage.Elapsed.TotalMilliseconds);
                }
                embed.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                embedCpu += process.TotalProcessorTime - cpu;
                cpu = process.TotalProcessorTime;
                watch.Restart();
                analyzer.AnalyzeSelfie(picture, withLiveness: true);
                selfie.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                selfieCpu += process.TotalProcessorTime - cpu;
            }
        Console.WriteLine($"decode + detect + align + embed: {Summary(embed)}");
        Console.WriteLine($"  of which decode {Summary(decodeMs)}; detect {Summary(detectMs)}; align + embed {Summary(alignEmbedMs)}");
        Console.WriteLine($"whole selfie analysis (+ quality gates, eye model, passive liveness): {Summary(selfie)}");
        // Wall time includes waiting for the core when other work shares the machine; CPU time does not.
        Console.WriteLine($"CPU time per image (process, mean): detect + align + embed {embedCpu.TotalMilliseconds / embed.Count:F1} ms, whole selfie analysis {selfieCpu.TotalMilliseconds / selfie.Count:F1} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"RSS with every face model loaded and warm: {Rss()} MiB");

        // An active-liveness burst: ten frames, every frame detected, posed, eyes read, liveness scored, embedded.
        var burst = pictures.Take(10).ToList();
        var reference = analyzer.AnalyzeSelfie(pictures[0], withLiveness: false).Embedding ?? new float[512];
        var (turns, blinkSmile) = (new List<double>(), new List<double>());
        for (var round = 0; round < Math.Max(3, rounds / 4); round++)
        {
            var watch = Stopwatch.StartNew();
            analyzer.VerifyChallenges(burst, ["head_left", "head_right", "blink"], reference);
            turns.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            analyzer.VerifyChallenges(burst, ["head_left", "head_right", "blink", "smile"], reference);
            blinkSmile.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"active burst of 10 frames, challenges without smile: {Summary(turns)}");
        Console.WriteLine($"active burst of 10 frames, with smile (expression model per frame): {Summary(blinkSmile)}");
        analyzer.Dispose();
        GC.Collect();

        await EndToEndAsync(models, pictures, sessions);
    }

    static async Task EndToEndAsync(string models, List<byte[]> pictures, int sessions)
    {
        var data = Directory.CreateTempSubdirectory("verilock-face-bench");
        var port = 18000 + Random.Shared.Next(1000);
        var app = VerilockHost.Build(["--urls", $"http://127.0.0.1:{port}"], data.FullName, builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Verilock:Checks:ModelsDirectory"] = models,
                ["Verilock:Aml:ListsDirectory"] = data.CreateSubdirectory("lists").FullName,
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await VerilockHost.InitialiseAsync(app);
        await app.StartAsync();
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
            (_, key) = await scope.ServiceProvider.GetRequiredService<AccountAdministration>().CreateKeyAsync("bench", true, 1_000_000, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-API-Key", key);

        var latencies = new List<double>();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < sessions + 1; i++)
        {
            var picture = pictures[i % pictures.Count];
            var document = SampleDocuments.Specimen with { DocumentNumber = $"L8989{i:D3}C", Portrait = FaceCorpus.TightPortrait(picture) };
            var created = await Json(await http.PostAsync("/api/v1/sessions", new StringContent(
                """{"steps":["document","selfie","face_match","liveness"],"applicant":{"first_name":"Anna Maria","last_name":"Eriksson","date_of_birth":"1974-08-12"}}""",
                System.Text.Encoding.UTF8, "application/json")));
            var id = (string)created["id"]!;
            await Upload(http, $"/api/v1/sessions/{id}/documents", ("front", DocumentPhotographer.Photograph(document, PhotoCondition.JpegQuality30)), ("type", null));
            await Upload(http, $"/api/v1/sessions/{id}/selfie", ("image", FaceAugmentations.Scaled(SkiaSharp.SKBitmap.Decode(picture), 2 / 3f)));
            var watch = Stopwatch.StartNew();
            (await http.PostAsync($"/api/v1/sessions/{id}/submit", null)).EnsureSuccessStatusCode();
            JsonNode session;
            do
            {
                await Task.Delay(10);
                session = await Json(await http.GetAsync($"/api/v1/sessions/{id}"));
            }
            while ((string?)session["decision"] is null);
            if (i == 0)
                continue; // the first session warms up the workers
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            var outcome = $"{session["decision"]} {session["review_reasons"]!.ToJsonString()} (face_match {session["results"]!["face_match"]!["status"]}, liveness {session["results"]!["liveness"]!["status"]})";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        Console.WriteLine($"submit → decision, {sessions} sessions one after another (passport photo JPEG q30 + selfie; 2 workers): {Summary(latencies)}");
        Console.WriteLine($"outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key} ×{o.Value}"))}");
        Console.WriteLine($"RSS of the process serving them (server + its models + this client): {Rss()} MiB");
        await app.StopAsync();
        await app.DisposeAsync();
        data.Delete(recursive: true);
    }

    static async Task Upload(HttpClient http, string path, params (string Name, byte[]? File)[] parts)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, file) in parts)
        {
            if (file is null)
            {
                form.Add(new StringContent("passport"), name);
                continue;
            }
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, name, name + ".jpg");
        }
        (await http.PostAsync(path, form)).EnsureSuccessStatusCode();
    }

    static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    static string Summary(List<double> values)
    {
        var sorted = values.Order().ToList();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return $"p50 {At(50):F1} ms, p90 {At(90):F1} ms, p99 {At(99):F1} ms, max {sorted[^1]:F1} ms (n = {sorted.Count})";
    }

    static long Rss() => Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024);
}
