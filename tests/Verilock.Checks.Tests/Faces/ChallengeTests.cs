using OpenCvSharp;
using SkiaSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Faces;

/// <summary>
/// Active liveness on synthetic bursts made from real faces: a head turned one way and then the other (the photo
/// and its mirror image), lids painted shut between open-eyed frames, a still head, and someone else's face.
/// </summary>
[Collection(FaceCollection.Name)]
public sealed class ChallengeTests(FaceFixture fixture)
{
    /// <summary>The most turned face of the photos: its mirror image turns the other way by as much.</summary>
    FaceFixture.Face Turned => fixture.Faces.MaxBy(f => Math.Abs(Observe(f.Selfie).Yaw))!;

    [Fact]
    public void Head_left_then_right_passes_when_the_head_turns_that_way_in_that_order()
    {
        var face = Turned;
        var (left, right) = Observe(face.Selfie).Yaw < 0 ? (face.Selfie, Mirror(face.Selfie)) : (Mirror(face.Selfie), face.Selfie);
        var burst = Frames(left, 5).Concat(Frames(right, 5)).ToList();
        var verdict = fixture.Analyzer.VerifyChallenges(burst, [ChallengeVerifier.HeadLeft, ChallengeVerifier.HeadRight], fixture.Embed(face.Selfie));
        Assert.All(verdict.Challenges, c => Assert.True(c.Passed, c.Challenge));
        Assert.InRange(verdict.Score, 0.75, 1.0);

        // The same frames in the other order do not perform head_left then head_right.
        var reversed = fixture.Analyzer.VerifyChallenges(Enumerable.Reverse(burst).ToList(), [ChallengeVerifier.HeadLeft, ChallengeVerifier.HeadRight], fixture.Embed(face.Selfie));
        Assert.Contains(reversed.Challenges, c => !c.Passed);
        Assert.True(reversed.Score < verdict.Score);
    }

    [Fact]
    public void A_head_that_does_not_turn_fails_both_turns()
    {
        var face = fixture.In(6, 3);
        var verdict = fixture.Analyzer.VerifyChallenges(Frames(face.Selfie, 10), [ChallengeVerifier.HeadRight, ChallengeVerifier.HeadLeft], fixture.Embed(face.Selfie));
        Assert.All(verdict.Challenges, c => Assert.False(c.Passed, c.Challenge));
        Assert.True(verdict.Score < 0.5, $"score {verdict.Score}");
    }

    [Fact]
    public void A_blink_needs_closed_eyes_between_open_ones()
    {
        var face = fixture.In(6, 3);
        var shut = Shut(face.Selfie);
        Assert.True(Observe(shut).EyesClosed >= 0.7, "the painted lids read as closed");
        var blink = Frames(face.Selfie, 4).Concat(Frames(shut, 2)).Concat(Frames(face.Selfie, 4)).ToList();
        var passed = fixture.Analyzer.VerifyChallenges(blink, [ChallengeVerifier.Blink], fixture.Embed(face.Selfie));
        Assert.True(passed.Challenges.Single().Passed);

        var staring = fixture.Analyzer.VerifyChallenges(Frames(face.Selfie, 10), [ChallengeVerifier.Blink], fixture.Embed(face.Selfie));
        Assert.False(staring.Challenges.Single().Passed);
        var asleep = fixture.Analyzer.VerifyChallenges(Frames(shut, 10), [ChallengeVerifier.Blink], fixture.Embed(face.Selfie));
        Assert.False(asleep.Challenges.Single().Passed);
    }

    [Fact]
    public void Challenges_performed_by_someone_else_fail_on_identity()
    {
        var face = Turned;
        var stranger = fixture.Faces.First(f => f != face && Math.Abs(Observe(f.Selfie).Yaw) < 15);
        var (left, right) = Observe(face.Selfie).Yaw < 0 ? (face.Selfie, Mirror(face.Selfie)) : (Mirror(face.Selfie), face.Selfie);
        var burst = Frames(left, 5).Concat(Frames(right, 5)).ToList();
        var verdict = fixture.Analyzer.VerifyChallenges(burst, [ChallengeVerifier.HeadLeft, ChallengeVerifier.HeadRight], fixture.Embed(stranger.Selfie));
        Assert.True(verdict.Score <= 0.2, $"score {verdict.Score}");
    }

    [Fact]
    public void Frames_without_a_face_fail_everything()
    {
        var verdict = fixture.Analyzer.VerifyChallenges(Enumerable.Repeat(QualityGateTests.NoFace(), 8).ToList(), [ChallengeVerifier.Blink], fixture.Embed(fixture.In(6, 3).Selfie));
        Assert.Equal(0, verdict.FramesWithFace);
        Assert.Equal(0, verdict.Score);
    }

    [Fact]
    public void The_verifier_keeps_the_session_order_and_caps_on_identity()
    {
        float[] me = [1, 0];
        float[] other = [0, 1];
        FrameObservation Frame(double yaw, float[] who) => new(true, yaw, 0, 1, 0.1, 0.9, who);
        var thresholds = new FaceMatchThresholds();
        var burst = new[] { Frame(0, me), Frame(0, me), Frame(-30, me), Frame(0, me), Frame(30, me), Frame(0, me), Frame(0, me), Frame(0, me) };

        var inOrder = ChallengeVerifier.Verify(burst, [ChallengeVerifier.HeadLeft, ChallengeVerifier.HeadRight], me, thresholds);
        Assert.Equal(0.98, inOrder.Score);
        var outOfOrder = ChallengeVerifier.Verify(burst, [ChallengeVerifier.HeadRight, ChallengeVerifier.HeadLeft], me, thresholds);
        Assert.Equal([true, false], outOfOrder.Challenges.Select(c => c.Passed));
        var impostor = ChallengeVerifier.Verify(burst.Select(f => f with { Embedding = other }).ToList(), [ChallengeVerifier.HeadLeft], me, thresholds);
        Assert.Equal(0.2, impostor.Score);
        var smileWithoutChange = ChallengeVerifier.Verify(burst.Select(f => f with { Smile = 0.9 }).ToList(), [ChallengeVerifier.Smile], me, thresholds);
        Assert.False(smileWithoutChange.Challenges.Single().Passed);
    }

    FrameObservation Observe(byte[] picture) => fixture.Analyzer.ObserveFrame(picture);

    static List<byte[]> Frames(byte[] picture, int count) => Enumerable.Range(0, count).Select(i => FaceAugmentations.Jittered(picture, i)).ToList();

    static byte[] Mirror(byte[] picture)
    {
        using var bitmap = SKBitmap.Decode(picture);
        return FaceAugmentations.Mirrored(bitmap);
    }

    byte[] Shut(byte[] picture)
    {
        using var image = Cv2.ImDecode(picture, ImreadModes.Color);
        var face = fixture.Analyzer.Detect(image).MaxBy(f => f.Area)!;
        return FaceAugmentations.WithClosedEyes(picture, (face.ImageLeftEye.X, face.ImageLeftEye.Y), (face.ImageRightEye.X, face.ImageRightEye.Y));
    }
}
