namespace Verilock.Checks.Tests.Faces.Search;

/// <summary>Seeded test vectors: random unit directions, and vectors at an exact cosine to a given one.</summary>
internal sealed class Embeddings(int seed, int dimension = 512)
{
    private readonly Random _random = new(seed);

    public static string SessionId() => "ses_" + Guid.NewGuid().ToString("D");

    public float[] Unit()
    {
        var v = new float[dimension];
        for (var i = 0; i < v.Length; i++)
            v[i] = Gaussian();
        return Normalized(v);
    }

    /// <summary>A unit vector whose cosine with the unit vector <paramref name="to"/> is exactly <paramref name="cosine"/>.</summary>
    public float[] AtCosine(float[] to, double cosine)
    {
        var w = Unit();
        var along = Dot(w, to);
        for (var i = 0; i < w.Length; i++)
            w[i] -= (float)(along * to[i]);
        w = Normalized(w);
        var sine = Math.Sqrt(1 - cosine * cosine);
        var v = new float[dimension];
        for (var i = 0; i < v.Length; i++)
            v[i] = (float)(cosine * to[i] + sine * w[i]);
        return v;
    }

    public static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
            sum += (double)a[i] * b[i];
        return sum;
    }

    private static float[] Normalized(float[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        for (var i = 0; i < v.Length; i++)
            v[i] = (float)(v[i] / norm);
        return v;
    }

    private float Gaussian()
    {
        var u = 1 - _random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble()));
    }
}
