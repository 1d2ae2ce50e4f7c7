namespace Verilock.Checks.Samples;

/// <summary>A named hostile condition: its hazards and the layouts it is rendered on (cycled over the seeds).</summary>
public sealed record HostileCondition(string Name, Hazard Hazards, IReadOnlyList<SampleLayout> Layouts);

/// <summary>
/// The hostile development set: each single hazard on every layout, and combinations of two or three that real
/// uploads show together. Which conditions exist, not how they are drawn (that is <see cref="HostilePhotographer"/>).
/// </summary>
public static class HostileConditions
{
    static readonly SampleLayout[] AllLayouts = [SampleLayout.Passport, SampleLayout.IdCard, SampleLayout.VisaA, SampleLayout.Passport, SampleLayout.IdCard, SampleLayout.VisaB];

    public static readonly IReadOnlyList<HostileCondition> All =
    [
        new("guilloche", Hazard.Guilloche, AllLayouts),
        new("watermark", Hazard.Watermark, AllLayouts),
        new("overlay-text", Hazard.OverlayText, AllLayouts),
        new("tint", Hazard.Tint, AllLayouts),
        new("hologram", Hazard.Hologram, AllLayouts),
        new("glare-patches", Hazard.GlarePatches, AllLayouts),
        new("laminate", Hazard.Laminate, AllLayouts),
        new("low-contrast-td1", Hazard.LowContrast, [SampleLayout.IdCard]),
        new("visa", Hazard.None, [SampleLayout.VisaA, SampleLayout.VisaB]),
        new("clutter", Hazard.Clutter, AllLayouts),
        new("perspective-20", Hazard.Perspective, AllLayouts),
        new("small-text", Hazard.SmallText, AllLayouts),
        new("shadow", Hazard.Shadow, AllLayouts),
        new("phone-blur", Hazard.PhoneBlur, AllLayouts),
        new("jpeg-30-60", Hazard.HeavyJpeg, AllLayouts),
        new("exif-1-8", Hazard.Exif, AllLayouts),
        new("mirrored", Hazard.Mirrored, AllLayouts),
        new("guilloche+watermark", Hazard.Guilloche | Hazard.Watermark, AllLayouts),
        new("guilloche+watermark+jpeg", Hazard.Guilloche | Hazard.Watermark | Hazard.HeavyJpeg, AllLayouts),
        new("guilloche+overlay+exif", Hazard.Guilloche | Hazard.OverlayText | Hazard.Exif, AllLayouts),
        new("tint+hologram+perspective", Hazard.Tint | Hazard.Hologram | Hazard.Perspective, AllLayouts),
        new("low-contrast+shadow+blur", Hazard.LowContrast | Hazard.Shadow | Hazard.PhoneBlur, [SampleLayout.IdCard]),
        new("clutter+small+blur", Hazard.Clutter | Hazard.SmallText | Hazard.PhoneBlur, AllLayouts),
        new("laminate+perspective+jpeg", Hazard.Laminate | Hazard.Perspective | Hazard.HeavyJpeg, AllLayouts),
        new("watermark+glare+mirrored", Hazard.Watermark | Hazard.GlarePatches | Hazard.Mirrored, AllLayouts),
        new("guilloche+tint+small", Hazard.Guilloche | Hazard.Tint | Hazard.SmallText, AllLayouts),
    ];
}

/// <summary>One hostile upload, the document it shows, and what the reader should get.</summary>
public sealed record HostilePhoto(SampleDocument Document, HostileCondition Condition, int Seed, byte[] Bytes)
{
    public string Name => $"{Condition.Name}-{Document.Label}-s{Seed}";
}

/// <summary>Every hostile condition on <c>seeds</c> random documents each: the hard part of the development set.</summary>
public static class HostileSet
{
    public const int DefaultSeeds = 6;

    public static IEnumerable<HostilePhoto> All(int seeds = DefaultSeeds, Func<HostileCondition, bool>? include = null) =>
        from condition in HostileConditions.All
        where include?.Invoke(condition) ?? true
        from seed in Enumerable.Range(1, seeds)
        select Photo(condition, seed);

    public static HostilePhoto Photo(HostileCondition condition, int seed)
    {
        var random = new Random(Seed(condition.Name) ^ (seed * 7919));
        var document = RandomDocuments.Next(condition.Layouts[(seed - 1) % condition.Layouts.Count], random);
        return new HostilePhoto(document, condition, seed, HostilePhotographer.Photograph(document, condition.Hazards, random));
    }

    public static HostileCondition Condition(string name) => HostileConditions.All.Single(c => c.Name == name);

    // string.GetHashCode is randomised per process; the samples must be the same bytes in every run.
    static int Seed(string name) => name.Aggregate(17, (hash, c) => hash * 31 + c);
}
