// Face benchmark. `calibrate`: genuine and impostor similarity distributions on the demo photos and their
// re-captures, error rates by threshold, and the evidence for the models' undocumented classes (Markdown for
// docs/face-matching.md). `perf`: model load time, per-image latency on one thread, memory with every model
// loaded, and submit → decision for full live sessions on an in-process server. `replay`: passive liveness on
// simulated screen replays, prints and genuine selfies (bench/liveness-replay.sh). Run through bench/face-*.sh.
using Verilock.Bench.Faces;
using Verilock.Checks.Samples;

var models = Argument("--models") ?? FacePhotos.ModelsDirectory;
switch (args.FirstOrDefault())
{
    case "calibrate":
        Calibration.Run(models);
        break;
    case "develop":
        Development.Run(models, fast: args.Contains("--fast"));
        break;
    case "replay":
        LivenessReplay.Run(models, fit: args.Contains("--fit"), quick: args.Contains("--quick"));
        break;
    case "quality":
        using (var analyzer = new Verilock.Checks.Faces.FaceAnalyzer(models, new Verilock.Checks.Faces.FaceModelOptions()))
            Calibration.Quality(analyzer, FaceCorpus.Build(analyzer).Faces);
        break;
    case "perf":
        await Performance.RunAsync(models, int.Parse(Argument("--rounds") ?? "20", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Argument("--sessions") ?? "20", System.Globalization.CultureInfo.InvariantCulture));
        break;
    default:
        Console.Error.WriteLine("usage: Verilock.Bench.Faces calibrate|develop|replay|quality|perf [--models DIR] [--fast] [--fit] [--rounds N] [--sessions N]");
        return 2;
}
return 0;

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
