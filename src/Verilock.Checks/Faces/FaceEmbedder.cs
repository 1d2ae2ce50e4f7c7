using OpenCvSharp;

namespace Verilock.Checks.Faces;

/// <summary>An aligned face → an L2-normalised embedding; the input convention comes from <see cref="EmbedderOptions"/>.</summary>
internal sealed class FaceEmbedder(string path, EmbedderOptions options) : IDisposable
{
    readonly OnnxModel model = new(path);

    public int InputSize => options.InputSize;

    public float[] Embed(Mat aligned)
    {
        var embedding = Normalised(EmbedOnce(aligned));
        if (!options.FlipAverage)
            return embedding;
        // The aligned template is symmetric about its vertical axis, so the mirror image is the same face aligned
        // the same way, seen as if lit and turned the other way; the average keeps what the two views share.
        using var mirrored = new Mat();
        Cv2.Flip(aligned, mirrored, FlipMode.Y);
        var other = Normalised(EmbedOnce(mirrored));
        for (var i = 0; i < embedding.Length; i++)
            embedding[i] += other[i];
        return Normalised(embedding);
    }

    float[] EmbedOnce(Mat aligned) =>
        model.RunFirst(ImageTensors.From(aligned, options.ChannelOrder, options.Layout, options.Mean, options.Scale));

    static float[] Normalised(float[] raw)
    {
        var norm = MathF.Sqrt(raw.Sum(v => v * v));
        if (norm == 0)
            return raw;
        for (var i = 0; i < raw.Length; i++)
            raw[i] /= norm;
        return raw;
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
