namespace Verilock.Domain.Media;

/// <summary>The file types the API accepts, recognised from their first bytes (spec §8.4), never from names.</summary>
public enum MediaKind
{
    Jpeg,
    Png,
    Pdf,
}

public static class MediaKinds
{
    /// <summary>The longest signature below; reading this many bytes is enough to sniff.</summary>
    public const int SignatureLength = 8;

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    public static MediaKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(JpegMagic))
            return MediaKind.Jpeg;
        if (head.StartsWith(PngMagic))
            return MediaKind.Png;
        if (head.StartsWith(PdfMagic))
            return MediaKind.Pdf;
        return null;
    }

    public static string ContentType(this MediaKind kind) => kind switch
    {
        MediaKind.Jpeg => "image/jpeg",
        MediaKind.Png => "image/png",
        _ => "application/pdf",
    };
}
