using OpenCvSharp;

namespace Verilock.Checks.Faces;

/// <summary>An aligned face → an L2-normalised embedding; the input convention comes from <see cref="EmbedderOptions"/>.</summary>
internal sealed class FaceEmbedder(string path, EmbedderOptions options) : IDisposable
{
    readonly OnnxModel model = new(path);

    public int InputSize => options.InputSize;

    public float[] Embed(Mat aligned)
    {
        var raw = model.RunFirst(ImageTensors.From(aligned, options.ChannelOrder, options.Layout, options.Mean, options.Scale));
        var norm = MathF.Sqrt(raw.Sum(v => v * v));
        return norm == 0 ? raw : raw.Select(v => v / norm).ToArray();
    }

    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("Embeddings of different models cannot be compared.");
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    public void Dispose() => model.Dispose();
}
