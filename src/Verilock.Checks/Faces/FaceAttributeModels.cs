using OpenCvSharp;

namespace Verilock.Checks.Faces;

/// <summary>
/// The small classifiers from the faceplugin package, each cropping the face the way its reference code does
/// (faceplugin-face-recognition-js <c>lib/fr_*.js</c>): eye state, head pose, expression and passive liveness.
/// </summary>
internal sealed class FaceAttributeModels : IDisposable
{
    const int EyeInput = 24;
    const int PoseInput = 224;
    const int ExpressionInput = 224;
    const int LivenessInput = 128;

    /// <summary>
    /// The reference code crops 1.6 × the eye's corner-to-corner width from a 68-point landmark model; BlazeFace
    /// gives eye centres only, and an eye is about 0.47 of the eye-centre distance wide, hence 0.75.
    /// </summary>
    const float EyeCropOfEyeDistance = 0.75f;

    static readonly float[] Zero = [0f, 0f, 0f];
    static readonly float[] Identity = [1f, 1f, 1f];
    static readonly float[] UnitScale = [1 / 255f, 1 / 255f, 1 / 255f];
    static readonly float[] ImageNetMean = [0.485f * 255, 0.456f * 255, 0.406f * 255];
    static readonly float[] ImageNetScale = [1 / (0.229f * 255), 1 / (0.224f * 255), 1 / (0.225f * 255)];

    readonly OnnxModel eyes;
    readonly OnnxModel pose;
    readonly OnnxModel expression;
    readonly OnnxModel liveness;
    readonly FaceModelOptions options;

    public FaceAttributeModels(string directory, FaceModelOptions options)
    {
        this.options = options;
        eyes = new OnnxModel(Path.Combine(directory, options.EyeFile));
        pose = new OnnxModel(Path.Combine(directory, options.PoseFile));
        expression = new OnnxModel(Path.Combine(directory, options.ExpressionFile));
        liveness = new OnnxModel(Path.Combine(directory, options.LivenessFile));
    }

    /// <summary>The probability that each eye is closed (image-left eye, image-right eye).</summary>
    public (double Left, double Right) EyesClosed(Mat image, DetectedFace face)
    {
        var size = (float)face.EyeDistance * EyeCropOfEyeDistance;
        double Closed(Point2f centre)
        {
            using var crop = ImageTensors.CropResized(image, new Rect2f(centre.X - size / 2, centre.Y - size / 2, size, size), EyeInput);
            using var grey = new Mat();
            Cv2.CvtColor(crop, grey, ColorConversionCodes.BGR2GRAY);
            var output = eyes.RunFirst(ImageTensors.From(grey, ChannelOrder.Bgr, TensorLayout.Nchw, Zero, UnitScale));
            return ImageTensors.Softmax(output)[options.EyeClosedClass];
        }
        return (Closed(face.ImageLeftEye), Closed(face.ImageRightEye));
    }

    /// <summary>
    /// Yaw, pitch and roll in degrees (Hopenet-style: expectation over 66 bins of 3°, from −99°). Positive yaw turns
    /// the nose towards the image's left; docs/face-matching.md records how that was established.
    /// </summary>
    public HeadPose Pose(Mat image, DetectedFace face)
    {
        var box = face.Box;
        using var crop = ImageTensors.CropResized(image,
            new Rect2f(box.X - box.Width / 4, box.Y - box.Height / 4, box.Width * 1.5f, box.Height * 1.5f), PoseInput);
        var outputs = pose.Run(ImageTensors.From(crop, ChannelOrder.Rgb, TensorLayout.Nchw, ImageNetMean, ImageNetScale));
        double Angle(string name)
        {
            var bins = ImageTensors.Softmax(outputs[name]);
            double expected = 0;
            for (var i = 0; i < bins.Length; i++)
                expected += bins[i] * i;
            return expected * 3 - 99;
        }
        return new HeadPose(Angle(pose.OutputNames[0]), Angle(pose.OutputNames[1]), Angle(pose.OutputNames[2]));
    }

    /// <summary>The probability of a smile (the expression model's "happy" class).</summary>
    public double Smile(Mat image, DetectedFace face) => Expressions(image, face)[options.SmileClass];

    public float[] Expressions(Mat image, DetectedFace face)
    {
        var box = face.Box;
        using var crop = ImageTensors.CropResized(image, new Rect2f(box.X, box.Y, box.Width * 1.2f, box.Height * 1.2f), ExpressionInput);
        var output = expression.RunFirst(ImageTensors.From(crop, ChannelOrder.Rgb, TensorLayout.Nchw, Zero, UnitScale));
        return ImageTensors.Softmax(output);
    }

    /// <summary>
    /// The passive liveness model's probability that the face is live rather than a print or a screen. The crop is
    /// the box widened <see cref="FaceModelOptions.LivenessCropScale"/> times but, as in the reference code, shrunk
    /// and shifted to stay inside the image: black padding would look like a screen's bezel.
    /// </summary>
    public double Live(Mat image, DetectedFace face) => LivenessClasses(image, face)[options.LivenessLiveClass];

    /// <summary>All three class probabilities (the calibration benchmark records them as evidence of which is live).</summary>
    public float[] LivenessClasses(Mat image, DetectedFace face)
    {
        var box = face.Box;
        var scale = Math.Min((float)options.LivenessCropScale, Math.Min((image.Rows - 1) / box.Height, (image.Cols - 1) / box.Width));
        var (width, height) = (box.Width * scale, box.Height * scale);
        // The scale is capped by the image, but float rounding can still leave the crop a hair wider than it.
        var left = Math.Clamp(box.X + box.Width / 2 - width / 2, 0, Math.Max(0, image.Cols - 1 - width));
        var top = Math.Clamp(box.Y + box.Height / 2 - height / 2, 0, Math.Max(0, image.Rows - 1 - height));
        using var crop = ImageTensors.CropResized(image, new Rect2f(left, top, width, height), LivenessInput);
        var output = liveness.RunFirst(ImageTensors.From(crop, options.LivenessChannelOrder, TensorLayout.Nchw, Zero, Identity));
        return ImageTensors.Softmax(output);
    }

    public void Dispose()
    {
        eyes.Dispose();
        pose.Dispose();
        expression.Dispose();
        liveness.Dispose();
    }
}

/// <summary>Head orientation in degrees.</summary>
public readonly record struct HeadPose(double Yaw, double Pitch, double Roll);
