using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Verilock.Checks.Faces;

/// <summary>
/// One loaded ONNX model with a single input. Runs on one thread per call (a check worker uses one core), and
/// <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/> is thread-safe, so one instance serves every worker.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    readonly InferenceSession session;
    readonly string inputName;

    public OnnxModel(string path)
    {
        if (!File.Exists(path))
            throw new FaceModelException($"Face model {path} is missing: run scripts/setup (it fetches the models listed in models/manifest.json).");
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceModelException($"Face model {path} could not be loaded: {ex.Message}", ex);
        }
        inputName = session.InputMetadata.Keys.First();
        OutputNames = session.OutputMetadata.Keys.ToArray();
        InputShape = session.InputMetadata[inputName].Dimensions;
    }

    public IReadOnlyList<string> OutputNames { get; }

    public int[] InputShape { get; }

    /// <summary>Every output, flattened, by name.</summary>
    public Dictionary<string, float[]> Run(DenseTensor<float> input)
    {
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
        return outputs.ToDictionary(o => o.Name, o => o.AsTensor<float>().ToArray());
    }

    public float[] RunFirst(DenseTensor<float> input) => Run(input)[OutputNames[0]];

    public void Dispose() => session.Dispose();
}

/// <summary>A face model file is missing or unreadable: a deployment problem, reported at start-up and by <c>/readyz</c>.</summary>
public sealed class FaceModelException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
