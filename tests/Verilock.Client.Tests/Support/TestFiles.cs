namespace Verilock.Client.Tests.Support;

/// <summary>Small files that sniff as JPEG or PNG (the sandbox checks only type and size), distinct per seed.</summary>
public static class TestFiles
{
    public static byte[] Jpeg(int seed = 1, int size = 2048) => WithMagic([0xFF, 0xD8, 0xFF, 0xE0], seed, size);

    public static byte[] Png(int seed = 1, int size = 2048) => WithMagic([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], seed, size);

    private static byte[] WithMagic(byte[] magic, int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        magic.CopyTo(bytes, 0);
        return bytes;
    }
}
