namespace Verilock.Checks.Samples;

/// <summary>One rendered upload and the machine-readable zone a perfect reader gets from it.</summary>
public sealed record SamplePhoto(SampleDocument Document, PhotoCondition Condition, byte[] Bytes)
{
    public string Name => $"{Document.Label}-{Document.DocumentNumber[..2].ToLowerInvariant()}-{Condition}";
}

/// <summary>Every sample document under every photo condition: the set the benchmark measures exact reads on.</summary>
public static class SampleSet
{
    public static IEnumerable<SamplePhoto> All() =>
        from document in SampleDocuments.All
        from condition in Enum.GetValues<PhotoCondition>()
        select new SamplePhoto(document, condition, DocumentPhotographer.Photograph(document, condition));
}
