using Verilock.Domain.Mrz;

namespace Verilock.Checks.Documents;

public enum DocumentReadOutcome
{
    /// <summary>A machine-readable zone was read and every check digit holds.</summary>
    MrzRead,

    /// <summary>The image decoded, but nothing in it reads as a machine-readable zone.</summary>
    NoMrzFound,

    /// <summary>A zone was found and read, but its check digits fail or the OCR was unsure: <see cref="DocumentReadResult.Mrz"/> holds the best reading, not to be trusted.</summary>
    LowConfidence,

    /// <summary>The file is not a JPEG, PNG or PDF scan that can be decoded within the limits.</summary>
    UnreadableImage,
}

/// <summary>What reading one uploaded document photo gave.</summary>
/// <param name="OcrConfidence">Mean OCR confidence over the zone's lines, 0..1 (0 when nothing was read).</param>
/// <param name="Problem">A sentence for the applicant or operator when the outcome is not <see cref="DocumentReadOutcome.MrzRead"/>; never holds personal data.</param>
public sealed record DocumentReadResult(DocumentReadOutcome Outcome, MrzReading? Mrz, double OcrConfidence, string? Problem)
{
    /// <summary>Capture quality of the decoded image; null when it could not be decoded.</summary>
    public ImageQuality? Quality { get; init; }
}
