namespace Verilock.Checks.Faces.Search;

/// <summary>Which int8 dot product the scan uses: the best the processor has, or a given one (tests, the benchmark).</summary>
internal enum FaceScanKernel
{
    Auto,
    Avx512,
    Avx2,
    Vector128,
    Scalar,
}
