using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// A second OCR of MRZ line strips, by a network unlike Tesseract's (PaddleOCR's PP-OCRv4 recogniser, CTC over
/// a 6,623-character dictionary, ONNX): its mistakes fall elsewhere, so as one more pass in
/// <see cref="MrzPassVoting"/> it turns a Tesseract near-miss into a reading whose check digits agree. Decoding
/// is greedy CTC restricted to the MRZ alphabet. Thread-safe; one instance serves every worker.
/// </summary>
internal sealed class MrzLineRecognizer : IDisposable
{
    /// <summary>The network's input height.</summary>
    const int InputHeight = 48;

    /// <summary>Widest input fed (a 44-character line at 48 px is about 1,300 px wide).</summary>
    const int MaxInputWidth = 2048;

    const string MrzAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

    readonly InferenceSession session;
    readonly string inputName;

    /// <summary>Output class of each MRZ character (class 0 is CTC's blank; class i is the dictionary's line i).</summary>
    readonly (int Class, char Character)[] alphabet;

    public MrzLineRecognizer(string modelPath, string dictionaryPath)
    {
        var dictionary = File.ReadAllLines(dictionaryPath);
        alphabet = MrzAlphabet.Select(c => (Array.IndexOf(dictionary, c.ToString()) + 1, c)).ToArray();
        if (alphabet.Any(a => a.Class == 0))
            throw new InvalidOperationException($"The recogniser's dictionary {dictionaryPath} lacks MRZ characters.");
        session = TextModelSession.Open(modelPath, "Text recogniser");
        inputName = session.InputMetadata.Keys.First();
    }

    /// <summary>Reads one upright grey line strip; confidence is the mean probability of the characters read.</summary>
    public (string Text, double Confidence) Read(Mat strip)
    {
        var width = Math.Clamp((int)Math.Round(strip.Width * (double)InputHeight / strip.Height), 8, MaxInputWidth);
        using var resized = new Mat();
        Cv2.Resize(strip, resized, new Size(width, InputHeight), 0, 0, InterpolationFlags.Area);
        var tensor = new DenseTensor<float>([1, 3, InputHeight, width]);
        var buffer = tensor.Buffer.Span;
        var plane = width * InputHeight;
        unsafe
        {
            for (var y = 0; y < InputHeight; y++)
            {
                var row = (byte*)resized.Ptr(y);
                for (var x = 0; x < width; x++)
                {
                    var value = row[x] / 127.5f - 1f;
                    buffer[y * width + x] = value;
                    buffer[plane + y * width + x] = value;
                    buffer[2 * plane + y * width + x] = value;
                }
            }
        }
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        var probabilities = (DenseTensor<float>)outputs[0].AsTensor<float>();
        var (steps, classes) = (probabilities.Dimensions[1], probabilities.Dimensions[2]);
        var values = probabilities.Buffer.Span;
        var text = new System.Text.StringBuilder();
        var confidence = 0.0;
        var previous = 0;
        for (var t = 0; t < steps; t++)
        {
            var step = values.Slice(t * classes, classes);
            var (best, bestP) = (0, step[0]);
            foreach (var (cls, _) in alphabet)
                if (step[cls] > bestP)
                    (best, bestP) = (cls, step[cls]);
            if (best != 0 && best != previous)
            {
                text.Append(alphabet.First(a => a.Class == best).Character);
                confidence += bestP;
            }
            previous = best;
        }
        return (text.ToString(), text.Length == 0 ? 0 : confidence / text.Length);
    }

    public void Dispose() => session.Dispose();
}
