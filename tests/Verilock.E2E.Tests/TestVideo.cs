using SkiaSharp;

namespace Verilock.E2E.Tests;

/// <summary>
/// Writes a still picture as a Y4M video (YUV4MPEG2, 4:2:0), the format Chromium's fake camera plays in a loop:
/// the test's stand-in for a phone held over a document.
/// </summary>
public static class TestVideo
{
    public static string FromImage(byte[] encoded, string path, int width = 1280, int height = 960)
    {
        using var decoded = SKImage.FromEncodedData(encoded);
        using var frame = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(new SKColor(90, 80, 70));
            // Fit the picture inside the frame, centred, as a camera pointed at it would show it.
            var scale = Math.Min((float)width / decoded.Width, (float)height / decoded.Height);
            var (w, h) = (decoded.Width * scale, decoded.Height * scale);
            canvas.DrawImage(decoded, new SKRect((width - w) / 2, (height - h) / 2, (width + w) / 2, (height + h) / 2),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        using var output = File.Create(path);
        var header = System.Text.Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\n");
        output.Write(header);
        output.Write("FRAME\n"u8);
        var y = new byte[width * height];
        var u = new byte[width * height / 4];
        var v = new byte[width * height / 4];
        for (var row = 0; row < height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                var c = frame.GetPixel(col, row);
                y[row * width + col] = Clamp(0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue);
                if (row % 2 == 0 && col % 2 == 0)
                {
                    var i = row / 2 * (width / 2) + col / 2;
                    u[i] = Clamp(128 - 0.168736 * c.Red - 0.331264 * c.Green + 0.5 * c.Blue);
                    v[i] = Clamp(128 + 0.5 * c.Red - 0.418688 * c.Green - 0.081312 * c.Blue);
                }
            }
        }
        output.Write(y);
        output.Write(u);
        output.Write(v);
        return path;
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
