namespace Verilock.Checks.Faces.Search;

/// <summary>
/// The reference the index is measured against: float32 unit vectors, every cosine computed exactly, one thread.
/// Four times the index's memory and several times slower; for tests and the benchmark, not for serving.
/// </summary>
public sealed class ExactFaceSearch(int dimension = 512)
{
    private readonly List<(Guid TemplateId, string SessionId, float[] Unit)> _templates = [];

    public int Count => _templates.Count;

    public void Add(Guid templateId, string sessionId, ReadOnlySpan<float> embedding)
    {
        var unit = new float[dimension];
        Int8Quantizer.Normalize(embedding, unit, nameof(embedding));
        _templates.Add((templateId, sessionId, unit));
    }

    public IReadOnlyList<FaceSearchMatch> Search(ReadOnlySpan<float> probe, int top, float minCosine = -1, string? excludeSessionId = null)
    {
        var unit = new float[dimension];
        Int8Quantizer.Normalize(probe, unit, nameof(probe));
        var matches = new List<FaceSearchMatch>();
        foreach (var (id, session, vector) in _templates)
        {
            if (session == excludeSessionId)
                continue;
            var cosine = Cosine(unit, vector);
            if (cosine >= minCosine)
                matches.Add(new FaceSearchMatch(id, session, cosine));
        }
        matches.Sort(static (a, b) => b.Cosine != a.Cosine ? b.Cosine.CompareTo(a.Cosine) : a.TemplateId.CompareTo(b.TemplateId));
        return matches.Count > top ? matches[..top] : matches;
    }

    /// <summary>The cosine of two unit vectors, accumulated in double.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
            sum += (double)a[i] * b[i];
        return (float)sum;
    }
}
