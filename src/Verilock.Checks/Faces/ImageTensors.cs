using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace Verilock.Checks.Faces;

/// <summary>Copies an 8-bit BGR (or grey) image into a float tensor with per-channel <c>(pixel − mean) × scale</c>.</summary>
internal static class ImageTensors
{
    public static DenseTensor<float> From(Mat image, ChannelOrder order, TensorLayout layout, float[] mean, float[] scale)
    {
        var (height, width, channels) = (image.Rows, image.Cols, image.Channels());
        var tensor = layout == TensorLayout.Nchw
            ? new DenseTensor<float>([1, channels, height, width])
            : new DenseTensor<float>([1, height, width, channels]);
        var buffer = tensor.Buffer.Span;
        var plane = height * width;
        unsafe
        {
            for (var y = 0; y < height; y++)
            {
                var row = (byte*)image.Ptr(y);
                for (var x = 0; x < width; x++)
                {
                    var pixel = row + x * channels;
                    for (var c = 0; c < channels; c++)
                    {
                        // OpenCV holds colour as BGR: channel c of an RGB tensor is byte 2 − c.
                        var source = channels == 3 && order == ChannelOrder.Rgb ? 2 - c : c;
                        var value = (pixel[source] - mean[c]) * scale[c];
                        var at = layout == TensorLayout.Nchw ? c * plane + y * width + x : (y * width + x) * channels + c;
                        buffer[at] = value;
                    }
                }
            }
        }
        return tensor;
    }

    /// <summary>A square crop around <paramref name="region"/> resized to <paramref name="size"/>; parts outside the image are black.</summary>
    public static Mat CropResized(Mat image, Rect2f region, int size)
    {
        var rect = new Rect((int)MathF.Floor(region.X), (int)MathF.Floor(region.Y), Math.Max(1, (int)MathF.Round(region.Width)), Math.Max(1, (int)MathF.Round(region.Height)));
        var inside = rect.Intersect(new Rect(0, 0, image.Cols, image.Rows));
        using var canvas = new Mat(rect.Height, rect.Width, image.Type(), Scalar.Black);
        if (inside.Width > 0 && inside.Height > 0)
        {
            using var source = new Mat(image, inside);
            using var target = new Mat(canvas, new Rect(inside.X - rect.X, inside.Y - rect.Y, inside.Width, inside.Height));
            source.CopyTo(target);
        }
        var resized = new Mat();
        var shrinking = rect.Width > size;
        Cv2.Resize(canvas, resized, new Size(size, size), 0, 0, shrinking ? InterpolationFlags.Area : InterpolationFlags.Linear);
        return resized;
    }

    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = float.MinValue;
        foreach (var v in logits)
            max = Math.Max(max, v);
        var result = new float[logits.Length];
        var sum = 0f;
        for (var i = 0; i < logits.Length; i++)
            sum += result[i] = MathF.Exp(logits[i] - max);
        for (var i = 0; i < result.Length; i++)
            result[i] /= sum;
        return result;
    }
}
