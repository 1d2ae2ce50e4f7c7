using OpenCvSharp;
using Verilock.Checks.Documents;

namespace Verilock.Checks.Faces;

/// <summary>
/// The face checks: find faces in a selfie, a document image or a liveness frame, align and embed them, apply
/// the selfie's quality gates, and compare. Thread-safe: one instance (all models loaded once, a few hundred MB)
/// serves every check worker. Construction fails with <see cref="FaceModelException"/> naming a missing model.
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    /// <summary>A portrait this close to upright ends the search through the page's orientations.</summary>
    const double ClearlyUprightDegrees = 30;

    readonly FaceModelOptions options;
    readonly BlazeFaceDetector detector;
    readonly FaceEmbedder embedder;
    readonly FaceAttributeModels attributes;
    readonly DecodeLimits decodeLimits;

    /// <param name="decodeLimits">The same upload budgets the document reader applies; the defaults when null.</param>
    public FaceAnalyzer(string modelsDirectory, FaceModelOptions options, DecodeLimits? decodeLimits = null)
    {
        this.options = options;
        this.decodeLimits = decodeLimits ?? new DecodeLimits();
        var missing = new[] { options.DetectorFile, options.Embedder.File, options.LivenessFile, options.EyeFile, options.PoseFile, options.ExpressionFile }
            .Select(file => Path.Combine(modelsDirectory, file)).Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
            throw new FaceModelException($"Face model files are missing: {string.Join(", ", missing)}. Run scripts/setup (it fetches the models listed in models/manifest.json).");
        detector = new BlazeFaceDetector(Path.Combine(modelsDirectory, options.DetectorFile), options.MinDetectionScore);
        var embedderPath = Path.Combine(modelsDirectory, options.Embedder.File);
        embedder = new FaceEmbedder(embedderPath, options.Embedder);
        EmbeddingModel = EmbeddingModelOf(embedderPath) + (options.Embedder.FlipAverage ? FlipAveraged : "");
        attributes = new FaceAttributeModels(modelsDirectory, options);
    }

    public FaceMatchThresholds Thresholds => options.Match;

    /// <summary>
    /// Which embedder made this analyzer's embeddings: its file name and the start of its SHA-256, then
    /// <see cref="FlipAveraged"/> when the face and its mirror are averaged. A stored face template records it, since
    /// embeddings of two models (or of one model used two ways) are not comparable.
    /// </summary>
    public string EmbeddingModel { get; }

    /// <summary>Marks flip-averaged embeddings in <see cref="EmbeddingModel"/>: they are not comparable with single-view ones.</summary>
    public const string FlipAveraged = "+flip";

    static string EmbeddingModelOf(string path)
    {
        using var file = File.OpenRead(path);
        var hash = System.Security.Cryptography.SHA256.HashData(file);
        return $"{Path.GetFileName(path)}@sha256:{Convert.ToHexStringLower(hash)[..16]}";
    }

    /// <summary>A selfie (JPEG or PNG): counts faces and, for exactly one, embeds it and applies the quality gates.</summary>
    public FaceAnalysis AnalyzeSelfie(ReadOnlySpan<byte> file, bool withLiveness)
    {
        using var image = Decode(file, allowPdf: false, out var problem);
        if (image is null)
            return FaceAnalysis.Unreadable(problem!);
        var faces = detector.Detect(image);
        if (faces.Count != 1)
            return new FaceAnalysis(null, faces.Count, null, null, [], null);
        var face = Refined(image, faces[0]);
        using var aligned = FaceAligner.Align(image, face, embedder.InputSize);
        var issues = QualityIssues(image, face, aligned);
        if (!withLiveness)
            return new FaceAnalysis(null, 1, face, embedder.Embed(aligned), issues, null);
        var (score, parts) = PassiveLiveness(image, face);
        return new FaceAnalysis(null, 1, face, embedder.Embed(aligned), issues, score, parts);
    }

    /// <summary>
    /// A document image (JPEG, PNG or PDF scan): the portrait is the largest upright face. Document photos are often
    /// taken sideways, and BlazeFace also fires on sideways faces (with keypoints that do not align, and a lower
    /// score), so when the upload's own orientation shows no clearly upright face the other three are searched too,
    /// and the most confident upright portrait wins.
    /// </summary>
    public FaceAnalysis AnalyzePortrait(ReadOnlySpan<byte> file)
    {
        using var image = Decode(file, allowPdf: true, out var problem);
        if (image is null)
            return FaceAnalysis.Unreadable(problem!);
        FaceAnalysis? best = null;
        var bestScore = 0f;
        foreach (var rotation in new RotateFlags?[] { null, RotateFlags.Rotate90Clockwise, RotateFlags.Rotate90Counterclockwise, RotateFlags.Rotate180 })
        {
            using var turned = rotation is { } r ? Rotated(image, r) : image.Clone();
            var faces = detector.Detect(turned).Where(f => f.IsUpright).ToList();
            if (faces.Count == 0)
                continue;
            var portrait = faces.MaxBy(f => f.Area)!;
            if (best is not null && bestScore >= portrait.Score)
                continue;
            bestScore = portrait.Score;
            var refined = Refined(turned, portrait);
            using var aligned = FaceAligner.Align(turned, refined, embedder.InputSize);
            best = new FaceAnalysis(null, faces.Count, refined, embedder.Embed(aligned), [], null);
            if (portrait.Tilt <= ClearlyUprightDegrees)
                break;
        }
        return best ?? new FaceAnalysis(null, 0, null, null, [], null);
    }

    /// <summary>
    /// One liveness frame: the largest face's pose, eyes, liveness, embedding and, when a smile is asked for, its
    /// expression (the expression model is the largest of all, about 100 ms a frame on one core).
    /// </summary>
    public FrameObservation ObserveFrame(ReadOnlySpan<byte> file, bool withSmile = true)
    {
        using var image = Decode(file, allowPdf: false, out _);
        if (image is null)
            return FrameObservation.NoFace;
        var largest = detector.Detect(image).MaxBy(f => f.Area);
        if (largest is null)
            return FrameObservation.NoFace;
        var face = Refined(image, largest);
        using var aligned = FaceAligner.Align(image, face, embedder.InputSize);
        var (left, right) = attributes.EyesClosed(image, face);
        return new FrameObservation(true, attributes.Pose(image, face).Yaw, Math.Min(left, right), 1 - Math.Max(left, right),
            withSmile ? attributes.Smile(image, face) : 0, attributes.Live(image, face), embedder.Embed(aligned));
    }

    /// <summary>Verifies an active-liveness burst against the session's challenges and the selfie's face.</summary>
    public ChallengeVerifier.Verdict VerifyChallenges(IReadOnlyList<byte[]> frames, IReadOnlyList<string> challenges, float[] selfieEmbedding) =>
        ChallengeVerifier.Verify(frames.Select(f => ObserveFrame(f, withSmile: challenges.Contains(ChallengeVerifier.Smile))).ToList(),
            challenges, selfieEmbedding, options.Match);

    /// <summary>The spec's similarity (0..1) of two faces, with the raw cosine it came from.</summary>
    public (double Similarity, double Cosine) Compare(float[] selfie, float[] document)
    {
        var cosine = FaceEmbedder.Cosine(selfie, document);
        return (FaceMatchScale.Similarity(cosine, options.Match), cosine);
    }

    /// <summary>
    /// The passive liveness score of a selfie's face: the model's live probability combined with the replay and
    /// print signals, or the model alone when <see cref="FaceModelOptions.PresentationSignals"/> is off.
    /// </summary>
    (double Score, PassiveLiveness Parts) PassiveLiveness(Mat image, DetectedFace face)
    {
        var model = attributes.Live(image, face);
        if (!options.PresentationSignals)
            return (model, new PassiveLiveness(model, Presentation.PresentationSignals.None));
        var signals = Presentation.PresentationMeasure.Of(image, face);
        return (Presentation.PassiveLivenessScore.Of(model, signals), new PassiveLiveness(model, signals));
    }

    internal IReadOnlyList<DetectedFace> Detect(Mat image) => detector.Detect(image);

    /// <summary>Embeds a face found by <see cref="Detect"/> the way the checks do (refined first when small).</summary>
    internal float[] Embed(Mat image, DetectedFace face)
    {
        using var aligned = FaceAligner.Align(image, Refined(image, face), embedder.InputSize);
        return embedder.Embed(aligned);
    }

    /// <summary>A face small in its image, detected again at the detector's own scale (<see cref="FaceModelOptions.RefineFacesBelowShare"/>).</summary>
    internal DetectedFace Refined(Mat image, DetectedFace face) =>
        Math.Max(face.Box.Width, face.Box.Height) < options.RefineFacesBelowShare * Math.Max(image.Cols, image.Rows) ? detector.Refine(image, face) : face;

    internal (double Left, double Right) EyesClosed(Mat image, DetectedFace face) => attributes.EyesClosed(image, face);

    internal float[] LivenessClasses(Mat image, DetectedFace face) => attributes.LivenessClasses(image, face);

    internal float[] Expressions(Mat image, DetectedFace face) => attributes.Expressions(image, face);

    internal HeadPose Pose(Mat image, DetectedFace face) => attributes.Pose(image, face);

    IReadOnlyList<string> QualityIssues(Mat image, DetectedFace face, Mat aligned)
    {
        var limits = options.Quality;
        var issues = new List<string>();
        if (face.EyeDistance < limits.MinEyeDistancePixels)
            issues.Add(FaceIssues.TooSmall);
        if (face.Frontality < limits.MinFrontality)
            issues.Add(FaceIssues.NotFrontal);
        var (sharpness, brightness) = Measure(aligned);
        if (sharpness < limits.MinSharpness)
            issues.Add(FaceIssues.TooBlurred);
        if (brightness < limits.MinBrightness)
            issues.Add(FaceIssues.TooDark);
        var (left, right) = attributes.EyesClosed(image, face);
        if (Math.Min(left, right) >= limits.ClosedEyesProbability)
            issues.Add(FaceIssues.EyesClosed);
        return issues;
    }

    /// <summary>Laplacian variance and mean grey level of the aligned face: the same face size whatever the upload's.</summary>
    internal static (double Sharpness, double Brightness) Measure(Mat aligned)
    {
        using var grey = new Mat();
        Cv2.CvtColor(aligned, grey, ColorConversionCodes.BGR2GRAY);
        using var laplacian = new Mat();
        Cv2.Laplacian(grey, laplacian, MatType.CV_32F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation);
        return (deviation.Val0 * deviation.Val0, Cv2.Mean(grey).Val0);
    }

    Mat? Decode(ReadOnlySpan<byte> file, bool allowPdf, out string? problem)
    {
        try
        {
            return UploadDecoder.DecodeColor(file, decodeLimits, allowPdf, out problem);
        }
        catch (OpenCVException)
        {
            problem = "The image could not be decoded.";
            return null;
        }
    }

    static Mat Rotated(Mat image, RotateFlags rotation)
    {
        var turned = new Mat();
        Cv2.Rotate(image, turned, rotation);
        return turned;
    }

    public void Dispose()
    {
        detector.Dispose();
        embedder.Dispose();
        attributes.Dispose();
    }
}
