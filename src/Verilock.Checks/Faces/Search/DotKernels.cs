using System.Runtime.CompilerServices;

namespace Verilock.Checks.Faces.Search;

/// <summary>
/// The <see cref="Int8Dot"/> kernels as type arguments, so <see cref="TemplateScan"/> is compiled once per kernel
/// with the dot product inlined into its loop.
/// </summary>
internal interface IDotKernel
{
    static abstract int Dot(ref sbyte template, ref short probe, int length);
}

internal readonly struct Avx512Kernel : IDotKernel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ref sbyte template, ref short probe, int length) => Int8Dot.Avx512(ref template, ref probe, length);
}

internal readonly struct Avx2Kernel : IDotKernel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ref sbyte template, ref short probe, int length) => Int8Dot.Avx2Dot(ref template, ref probe, length);
}

internal readonly struct Vector128Kernel : IDotKernel
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ref sbyte template, ref short probe, int length) => Int8Dot.Vector128Dot(ref template, ref probe, length);
}

internal readonly struct ScalarKernel : IDotKernel
{
    public static int Dot(ref sbyte template, ref short probe, int length) =>
        Int8Dot.Scalar(
            System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref template, length),
            System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref probe, length));
}
