using Microsoft.Extensions.Options;
using Verilock.Checks.Documents;
using Verilock.Checks.Faces;
using Verilock.Server.Hosting;

namespace Verilock.Server.Checks;

/// <summary>
/// The OCR and face models the live checks run on, loaded on first use and shared by every worker (both are
/// thread-safe). A model whose files are missing throws where it is used, with the reason, and is tried again on
/// the next use, so a server set up after it started picks the files up; nothing is cached but a success. The
/// server runs without them: sandbox sessions, the API and AML do not need them (<c>/readyz</c> reports it).
/// </summary>
public sealed class CheckModels(DocumentReaderOptions documentReader, IOptions<VerilockOptions> options) : IDisposable
{
    private readonly Slot<MrzDocumentReader> ocr = new(() => new MrzDocumentReader(documentReader));
    private readonly Slot<FaceAnalyzer> faces = new(() =>
        new FaceAnalyzer(options.Value.Checks.ModelsDirectory, options.Value.Checks.Faces, documentReader.Limits));

    /// <summary>The MRZ reader; throws <see cref="InvalidOperationException"/> naming the missing file.</summary>
    public MrzDocumentReader Ocr => ocr.Get();

    /// <summary>The face models; throws <see cref="InvalidOperationException"/> (or an I/O error) naming what is missing.</summary>
    public FaceAnalyzer Faces => faces.Get();

    /// <summary>The MRZ reader, or null with the reason when its model cannot be loaded.</summary>
    public MrzDocumentReader? TryOcr(out string? problem) => ocr.TryGet(out problem);

    public FaceAnalyzer? TryFaces(out string? problem) => faces.TryGet(out problem);

    public void Dispose()
    {
        ocr.Dispose();
        faces.Dispose();
    }

    private sealed class Slot<T>(Func<T> load) : IDisposable where T : class, IDisposable
    {
        private readonly Lock gate = new();
        private T? model;

        public T Get()
        {
            if (Volatile.Read(ref model) is { } loaded)
                return loaded;
            lock (gate)
                return model ??= load();
        }

        public T? TryGet(out string? problem)
        {
            try
            {
                problem = null;
                return Get();
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or OpenCvSharp.OpenCVException)
            {
                problem = ex.Message;
                return null;
            }
        }

        public void Dispose()
        {
            lock (gate)
                model?.Dispose();
        }
    }
}
