namespace Verilock.Screening.Matching;

/// <summary>Jaro–Winkler and edit distance over short ASCII tokens, without allocating for typical name lengths.</summary>
internal static class StringSimilarity
{
    private const int StackLimit = 64;

    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
            return 0;
        if (a.SequenceEqual(b))
            return 1;
        if (a.Length > b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }
        var window = Math.Max(0, b.Length / 2 - 1);
        Span<bool> aMatched = a.Length <= StackLimit ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= StackLimit ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (bMatched[j] || a[i] != b[j])
                    continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0)
            return 0;
        var transpositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
                continue;
            while (!bMatched[j])
                j++;
            if (a[i] != b[j])
                transpositions++;
            j++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, a.Length) && a[prefix] == b[prefix])
            prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>Edit distance counting a swap of neighbouring letters as one edit (optimal string alignment).</summary>
    public static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0)
            return b.Length;
        if (b.Length == 0)
            return a.Length;
        var width = b.Length + 1;
        Span<int> rows = 3 * width <= 3 * StackLimit ? stackalloc int[3 * width] : new int[3 * width];
        Span<int> before = rows[..width], previous = rows.Slice(width, width), current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, before[j - 2] + 1);
                current[j] = value;
            }
            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }

    /// <summary>1 − edit distance / longer length.</summary>
    public static double EditRatio(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 1 : 1 - (double)EditDistance(a, b) / longer;
    }
}
