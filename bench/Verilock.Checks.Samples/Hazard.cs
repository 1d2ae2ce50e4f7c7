namespace Verilock.Checks.Samples;

/// <summary>One way a real upload is harder than the plain samples; a hostile condition combines one to three.</summary>
[Flags]
public enum Hazard
{
    None = 0,
    /// <summary>Dense fine sine lines and rosettes over the whole page, under the zone too.</summary>
    Guilloche = 1 << 0,
    /// <summary>A large semi-transparent state name and seal printed over the zone.</summary>
    Watermark = 1 << 1,
    /// <summary>A stock photo's repeated diagonal overlay word across everything.</summary>
    OverlayText = 1 << 2,
    /// <summary>Strongly coloured paper and coloured zone ink.</summary>
    Tint = 1 << 3,
    /// <summary>A rainbow, semi-transparent hologram patch over part of the zone.</summary>
    Hologram = 1 << 4,
    /// <summary>Several specular glare spots.</summary>
    GlarePatches = 1 << 5,
    /// <summary>Long diagonal bands of reflected light off a plastic laminate.</summary>
    Laminate = 1 << 6,
    /// <summary>Grey card, mid-grey ink: little contrast left.</summary>
    LowContrast = 1 << 7,
    /// <summary>The page fills only a third of a frame crowded with other papers, text and objects.</summary>
    Clutter = 1 << 8,
    /// <summary>The page plane tilted 12–20° towards the camera.</summary>
    Perspective = 1 << 9,
    /// <summary>Zone characters about 12 px tall.</summary>
    SmallText = 1 << 10,
    /// <summary>A soft hand or phone shadow across part of the page.</summary>
    Shadow = 1 << 11,
    /// <summary>Motion blur from a shaking hand and strong sensor noise.</summary>
    PhoneBlur = 1 << 12,
    /// <summary>JPEG quality 30–60.</summary>
    HeavyJpeg = 1 << 13,
    /// <summary>Pixels stored as a camera would for an EXIF Orientation tag 1–8, with the tag.</summary>
    Exif = 1 << 14,
    /// <summary>Pixels mirrored left to right with no tag, as a front camera saves them.</summary>
    Mirrored = 1 << 15,
}
