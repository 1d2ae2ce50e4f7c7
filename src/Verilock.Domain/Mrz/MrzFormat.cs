namespace Verilock.Domain.Mrz;

/// <summary>The ICAO 9303 machine-readable zone layouts.</summary>
public enum MrzFormat
{
    /// <summary>ID card size, 3 lines of 30 (Part 5).</summary>
    Td1,

    /// <summary>Larger card size, 2 lines of 36 (Part 6).</summary>
    Td2,

    /// <summary>Passport booklet, 2 lines of 44 (Part 4).</summary>
    Td3,

    /// <summary>Full-page visa, 2 lines of 44 (Part 7).</summary>
    MrvA,

    /// <summary>Smaller visa, 2 lines of 36 (Part 7).</summary>
    MrvB,
}
