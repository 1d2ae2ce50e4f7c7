namespace Verilock.Checks.Faces.Search;

/// <summary>
/// Checks an embedding, L2-normalises it and quantises it to int8: symmetric (no offset), one scale per vector. The
/// largest component becomes ±127; the stored scale is 1 / ‖q‖ of the integer vector, so <c>q × scale</c> is a unit
/// vector and <c>dot(qa, qb) × scaleA × scaleB</c> is the cosine of the two quantised vectors.
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>Writes the unit vector of <paramref name="embedding"/> to <paramref name="unit"/>.</summary>
    /// <exception cref="ArgumentException">Wrong length, a NaN or infinity, or a zero vector.</exception>
    public static void Normalize(ReadOnlySpan<float> embedding, Span<float> unit, string parameterName)
    {
        if (embedding.Length != unit.Length)
            throw new ArgumentException($"An embedding has {unit.Length} values; this one has {embedding.Length}.", parameterName);
        double sum = 0;
        foreach (var value in embedding)
        {
            if (!float.IsFinite(value))
                throw new ArgumentException("An embedding must not contain NaN or infinity.", parameterName);
            sum += (double)value * value;
        }
        if (sum < 1e-12)
            throw new ArgumentException("An embedding must not be zero.", parameterName);
        var inverse = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < embedding.Length; i++)
            unit[i] = embedding[i] * inverse;
    }

    /// <summary>Quantises a unit vector; returns its scale (1 / ‖q‖).</summary>
    public static float Quantize(ReadOnlySpan<float> unit, Span<sbyte> quantized)
    {
        var max = 0f;
        foreach (var value in unit)
            max = Math.Max(max, Math.Abs(value));
        var factor = 127 / max;
        long squares = 0;
        for (var i = 0; i < unit.Length; i++)
        {
            var q = (int)MathF.Round(unit[i] * factor);
            q = Math.Clamp(q, -127, 127);
            quantized[i] = (sbyte)q;
            squares += q * q;
        }
        return (float)(1 / Math.Sqrt(squares));
    }
}
