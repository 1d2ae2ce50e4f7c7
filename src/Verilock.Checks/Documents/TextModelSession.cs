using Microsoft.ML.OnnxRuntime;

namespace Verilock.Checks.Documents;

/// <summary>How the PP-OCRv4 text models (<see cref="MrzTextDetector"/>, <see cref="MrzLineRecognizer"/>) are opened.</summary>
internal static class TextModelSession
{
    /// <summary>
    /// One thread per call (the check workers are the parallelism) and no memory arena: inputs vary in size from call
    /// to call, and an arena would keep the largest call's buffers for good.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is not a loadable model; the message names <paramref name="role"/> and the path.</exception>
    public static InferenceSession Open(string path, string role)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
        };
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"{role} {path} could not be loaded: {ex.Message}", ex);
        }
    }
}
