using OpenCvSharp;
using UglyToad.PdfPig;
using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

// Reads a 1 MiB PDF whose image stream inflates to 1 GiB, after a normal PDF, and prints the process's peak
// resident set (VmHWM) after each. "bounded" is the document reader as shipped; "unbounded" repeats what the
// reader did before the decoders were bounded (PdfPig's own filters, then OpenCV), for the before/after figure.
// One mode per process: VmHWM only ever rises.
var mode = args.FirstOrDefault() ?? "bounded";
var models = args.Length > 1 ? args[1] : "models";
var today = DateOnly.FromDateTime(DateTime.UtcNow);

var normal = DecompressionBombs.Pdf(1000L * 1000);
var bomb = DecompressionBombs.Pdf(DecompressionBombs.GiB);
using var reader = new MrzDocumentReader(new DocumentReaderOptions { TessdataDirectory = models });

Console.WriteLine($"mode={mode} bomb_bytes={bomb.Length}");
var normalOutcome = Read(normal);
GC.Collect();
Console.WriteLine($"after normal pdf: outcome={normalOutcome} vmhwm_mib={PeakMiB()}");
var started = DateTime.UtcNow;
var bombOutcome = Read(bomb);
Console.WriteLine($"after bomb: outcome={bombOutcome} vmhwm_mib={PeakMiB()} seconds={(DateTime.UtcNow - started).TotalSeconds:F1}");

string Read(byte[] pdf) => mode == "unbounded" ? ReadUnbounded(pdf) : reader.Read(pdf, today).Outcome.ToString();

// The pre-budget path: PdfScan as it was (PdfPig's default filters inflate whatever the file says), then the decode.
static string ReadUnbounded(byte[] pdf)
{
    using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
    var image = document.GetPage(1).GetImages().OrderByDescending(i => (long)i.WidthInSamples * i.HeightInSamples).First();
    if (!image.TryGetPng(out var png))
        return "UnreadableImage";
    using var gray = Cv2.ImDecode(png, ImreadModes.Grayscale);
    return gray.Empty() ? "UnreadableImage" : $"decoded {gray.Width}x{gray.Height}";
}

static long PeakMiB()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}
