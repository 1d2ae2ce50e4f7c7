using Verilock.Checks.Faces;
using Verilock.Checks.Faces.Presentation;
using Verilock.Checks.Samples;
using Verilock.Domain.Sessions;

namespace Verilock.Checks.Tests.Faces;

/// <summary>
/// Passive liveness against a picture of a picture: the demo faces replayed on a simulated screen or printed and
/// photographed again fall under the default threshold (the session goes to review as <c>liveness_inconclusive</c>),
/// while the same faces taken as ordinary phone uploads stay above it. Seeds differ from the ones
/// <c>bench/liveness-replay.sh</c> tuned on. The rates asserted are below the bench's held-out figures
/// (docs/face-matching.md) by a margin, so the tests say "the signals work", not "this exact score".
/// </summary>
[Collection(FaceCollection.Name)]
public sealed class PresentationAttackTests(FaceFixture fixture)
{
    const double Threshold = ProfileSettings.DefaultLivenessThreshold / 100.0;
    const int Seed = 91;

    /// <summary>Ten faces, two from each of five photos, so no one photo decides.</summary>
    IEnumerable<(int Index, byte[] Selfie)> Faces() =>
        fixture.Faces.GroupBy(f => f.Photo).Take(5).SelectMany(g => g.Take(2)).Select((f, i) => (i, f.Selfie));

    [Fact]
    public void Genuine_uploads_stay_live()
    {
        string[] conditions = ["as_photographed", "jpeg_40-60", "low_light", "small+jpeg", "blur+noise+jpeg"];
        var scores = Faces().SelectMany(f => conditions.Select(c => Score(GenuineSelfies.Capture(f.Selfie, c, Seed + f.Index)))).ToList();
        Assert.All(scores, s => Assert.NotNull(s));
        var refused = scores.Count(s => s < Threshold);
        Assert.True(refused <= scores.Count / 10, $"{refused} of {scores.Count} genuine uploads under {Threshold}: {string.Join(", ", scores.Select(s => $"{s:F2}"))}");
    }

    [Fact]
    public void Screen_replays_are_caught_where_the_model_alone_lets_them_through()
    {
        var replays = Faces()
            .SelectMany(f => new[] { new ReplayCondition(0.7, 0, Bezel: false, Glare: false), new ReplayCondition(1.3, 5, Bezel: f.Index % 2 == 0, Glare: false) }
                .Select(c => Analyse(ScreenReplays.Capture(f.Selfie, c, Seed + f.Index))))
            .Where(a => a.Passive is not null).ToList();
        Assert.True(replays.Count >= 15, $"only {replays.Count} replays showed one face");
        var caught = replays.Count(a => a.LiveProbability < Threshold);
        var caughtByModel = replays.Count(a => a.Passive!.ModelProbability < Threshold);
        Assert.True(caught >= replays.Count * 8 / 10, $"{caught} of {replays.Count} replays caught");
        Assert.True(caught > caughtByModel, $"the signals added nothing: {caught} caught, the model alone {caughtByModel}");
    }

    [Fact]
    public void Printed_photos_are_caught()
    {
        var prints = Faces()
            .SelectMany(f => new[] { new PrintCondition(1.5, Crease: false), new PrintCondition(2.5, Crease: true) }
                .Select(c => Analyse(PrintedPhotos.Capture(f.Selfie, c, Seed + f.Index))))
            .Where(a => a.Passive is not null).ToList();
        Assert.True(prints.Count >= 15, $"only {prints.Count} prints showed one face");
        var caught = prints.Count(a => a.LiveProbability < Threshold);
        Assert.True(caught >= prints.Count * 8 / 10, $"{caught} of {prints.Count} prints caught");
    }

    [Fact]
    public void With_the_signals_off_the_score_is_the_model_alone()
    {
        var replay = ScreenReplays.Capture(Faces().First().Selfie, new ReplayCondition(0.7, 0, Bezel: true, Glare: false), Seed);
        using var modelOnly = new FaceAnalyzer(FacePhotos.ModelsDirectory, new FaceModelOptions { PresentationSignals = false });
        var alone = modelOnly.AnalyzeSelfie(replay, withLiveness: true);
        var combined = Analyse(replay);
        Assert.Equal(alone.Passive!.ModelProbability, alone.LiveProbability!.Value, 6);
        Assert.Equal(PresentationSignals.None, alone.Passive.Signals);
        Assert.Equal(alone.Passive.ModelProbability, combined.Passive!.ModelProbability, 6);
        Assert.NotEqual(combined.LiveProbability!.Value, alone.LiveProbability.Value, 3);
    }

    FaceAnalysis Analyse(byte[] image) => fixture.Analyzer.AnalyzeSelfie(image, withLiveness: true);

    double? Score(byte[] image) => Analyse(image).LiveProbability;
}
