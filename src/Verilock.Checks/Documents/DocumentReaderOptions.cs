namespace Verilock.Checks.Documents;

/// <summary>Where the OCR model lives and how much work one upload may cost.</summary>
public sealed class DocumentReaderOptions
{
    /// <summary>Folder holding <c>{Language}.traineddata</c>; <c>scripts/setup</c> puts the OCR-B model in <c>models/</c>.</summary>
    public required string TessdataDirectory { get; init; }

    /// <summary>OCR-B model trained on machine-readable zones; far more accurate on them than a general model.</summary>
    public string Language { get; init; } = "ocrb_int";

    /// <summary>PP-OCRv4 text detector in <see cref="TessdataDirectory"/>: finds the zone when the black-hat locator's zones do not read.</summary>
    public string TextDetectorFile { get; init; } = "ch_PP-OCRv4_det_infer.onnx";

    /// <summary>PP-OCRv4 line recogniser in <see cref="TessdataDirectory"/>: a second reading of a zone whose check digits do not agree.</summary>
    public string TextRecognizerFile { get; init; } = "ch_PP-OCRv4_rec_infer.onnx";

    /// <summary>The recogniser's character list (its output classes), beside it.</summary>
    public string TextRecognizerDictionaryFile { get; init; } = "ppocr_keys_v1.txt";

    /// <summary>Used when the OCR-B model file is missing (Debian's <c>tesseract-ocr-eng</c>), so a server without it degrades instead of failing.</summary>
    public string FallbackTessdataDirectory { get; init; } = "/usr/share/tesseract-ocr/5/tessdata";

    public string FallbackLanguage { get; init; } = "eng";

    /// <summary>Pixel and PDF decoding budgets; an upload over any of them is unreadable, refused before the memory is allocated.</summary>
    public DecodeLimits Limits { get; init; } = new();

    /// <summary>Below this mean OCR confidence (0..1) a read that validates is still reported as <see cref="DocumentReadOutcome.LowConfidence"/>.</summary>
    public double MinConfidence { get; init; } = 0.6;
}
