namespace Verilock.Checks.Faces;

/// <summary>
/// Where the face models live and how each one expects its input. Every field is configuration
/// (<c>Verilock:Checks:Faces</c>), so an operator can put in another ONNX model with the same role — an
/// embedder such as OpenCV's SFace needs only its file, input convention and recalibrated thresholds.
/// </summary>
public sealed class FaceModelOptions
{
    /// <summary>BlazeFace-style detector: a square NHWC input, two anchor layers (stride 16 and 32), six keypoints.</summary>
    public string DetectorFile { get; set; } = "face_detection_back_256x256_barracuda.onnx";

    /// <summary>Detections scoring below this are dropped (sigmoid of the model's logit).</summary>
    public double MinDetectionScore { get; set; } = 0.6;

    public EmbedderOptions Embedder { get; set; } = new();

    public FaceMatchThresholds Match { get; set; } = new();

    /// <summary>Passive liveness classifier (input: the face box widened <see cref="LivenessCropScale"/> times, raw 0–255 pixels).</summary>
    public string LivenessFile { get; set; } = "fr_liveness.onnx";

    /// <summary>The output class meaning "a live face"; established by experiment, see docs/face-matching.md.</summary>
    public int LivenessLiveClass { get; set; }

    public ChannelOrder LivenessChannelOrder { get; set; } = ChannelOrder.Bgr;

    public double LivenessCropScale { get; set; } = 2.7;

    /// <summary>
    /// Combine the liveness model with the replay and print signals (<c>Presentation/PassiveLivenessScore</c>); false
    /// leaves the model's probability alone, as before issue 18.
    /// </summary>
    public bool PresentationSignals { get; set; } = true;

    /// <summary>Eye-state classifier on 24 × 24 grey eye crops scaled to 0..1.</summary>
    public string EyeFile { get; set; } = "fr_eye.onnx";

    public int EyeClosedClass { get; set; }

    /// <summary>Head-pose model (yaw, pitch, roll as 66 bins of 3°), ImageNet-normalised RGB 224 × 224.</summary>
    public string PoseFile { get; set; } = "fr_pose.onnx";

    /// <summary>Expression classifier (seven classes, RGB 0..1, 224 × 224) for the smile challenge.</summary>
    public string ExpressionFile { get; set; } = "fr_expression.onnx";

    public int SmileClass { get; set; } = 3;

    public FaceQualityLimits Quality { get; set; } = new();

    /// <summary>
    /// A face smaller than this share of the image's long side (a portrait on a photographed document page) is
    /// detected again in a crop round it, enlarged to the detector's input, so its keypoints — and hence its
    /// alignment — come from the face at a usable size rather than from a few pixels of the whole image. 0 turns it off.
    /// </summary>
    public double RefineFacesBelowShare { get; set; } = 0.3;

    public IEnumerable<string> Problems()
    {
        if (MinDetectionScore is <= 0 or >= 1)
            yield return "Verilock:Checks:Faces:MinDetectionScore must be between 0 and 1.";
        if (Embedder.InputSize < 32)
            yield return "Verilock:Checks:Faces:Embedder:InputSize must be at least 32.";
        if (Embedder.Mean.Length != 3 || Embedder.Scale.Length != 3)
            yield return "Verilock:Checks:Faces:Embedder:Mean and Scale must have three values (one per channel).";
        if (!(Match.Review < Match.Accept && Match.Accept < Match.VeryHigh && Match.VeryHigh <= 1))
            yield return "Verilock:Checks:Faces:Match thresholds must rise: Review < Accept < VeryHigh <= 1.";
        if (RefineFacesBelowShare is < 0 or > 1)
            yield return "Verilock:Checks:Faces:RefineFacesBelowShare must be between 0 and 1.";
        if (LivenessCropScale < 1)
            yield return "Verilock:Checks:Faces:LivenessCropScale must be at least 1.";
    }
}

public enum ChannelOrder
{
    Rgb,
    Bgr,
}

public enum TensorLayout
{
    Nchw,
    Nhwc,
}

/// <summary>How the embedding model wants its aligned face: <c>value = (pixel − Mean[c]) × Scale[c]</c> per channel.</summary>
public sealed class EmbedderOptions
{
    public string File { get; set; } = "fr_feature.onnx";

    /// <summary>Side of the square aligned crop; the five-point template is scaled from its 112 × 112 original.</summary>
    public int InputSize { get; set; } = 112;

    public ChannelOrder ChannelOrder { get; set; } = ChannelOrder.Rgb;

    public TensorLayout Layout { get; set; } = TensorLayout.Nchw;

    public float[] Mean { get; set; } = [127f, 127f, 127f];

    public float[] Scale { get; set; } = [1 / 128f, 1 / 128f, 1 / 128f];

    /// <summary>
    /// Embed the aligned face and its mirror image and average the two: a face's embedding then no longer depends
    /// on which way it was lit or turned, nor on a mirrored capture. It changes every embedding, so the embedding
    /// model's identity (<see cref="FaceAnalyzer.EmbeddingModel"/>) says whether it is on.
    /// </summary>
    public bool FlipAverage { get; set; } = true;
}

/// <summary>
/// Cosine similarities of two embeddings that map onto the spec's similarity bands (§9): <see cref="Review"/>
/// becomes 0.60 (below: declined), <see cref="Accept"/> 0.80 (approved), <see cref="VeryHigh"/> 0.90. They belong
/// to one embedding model: docs/face-matching.md shows how they were measured for fr_feature.onnx.
/// </summary>
public sealed class FaceMatchThresholds
{
    public double Review { get; set; } = 0.34;

    public double Accept { get; set; } = 0.50;

    public double VeryHigh { get; set; } = 0.65;
}

/// <summary>The selfie quality gates (each failure is a review reason, not a crash or a silent pass).</summary>
public sealed class FaceQualityLimits
{
    /// <summary>Distance between the eye centres in the uploaded image; below it the 112 px crop is mostly upscaling.</summary>
    public double MinEyeDistancePixels { get; set; } = 24;

    /// <summary>Variance of the Laplacian of the aligned grey face; blurred faces score low.</summary>
    public double MinSharpness { get; set; } = 40;

    /// <summary>Mean grey level (0–255) of the aligned face.</summary>
    public double MinBrightness { get; set; } = 40;

    /// <summary>Both eyes at least this likely closed (eye model) fails the open-eyes gate.</summary>
    public double ClosedEyesProbability { get; set; } = 0.9;

    /// <summary>Eye distance over face-box width; a face turned to profile has its eyes close together.</summary>
    public double MinFrontality { get; set; } = 0.25;
}
