using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verilock.Checks.Faces.Search;

/// <summary>
/// Dot products of an int8 template with the probe, which the search widens to int16 once. The x86 kernels
/// sign-extend the template's bytes to int16 (<c>vpmovsxbw</c>) and multiply-add adjacent pairs into int32
/// (<c>vpmaddwd</c>): 127 × 127 × 2 fits, and so does a sum over 512 dimensions. Lengths are multiples of 32.
/// </summary>
internal static class Int8Dot
{
    public static FaceScanKernel Best =>
        Avx512BW.IsSupported ? FaceScanKernel.Avx512
        : Avx2.IsSupported ? FaceScanKernel.Avx2
        : Vector128.IsHardwareAccelerated ? FaceScanKernel.Vector128
        : FaceScanKernel.Scalar;

    public static bool IsSupported(FaceScanKernel kernel) => kernel switch
    {
        FaceScanKernel.Auto or FaceScanKernel.Scalar => true,
        FaceScanKernel.Avx512 => Avx512BW.IsSupported,
        FaceScanKernel.Avx2 => Avx2.IsSupported,
        FaceScanKernel.Vector128 => Vector128.IsHardwareAccelerated,
        _ => false,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Avx512(ref sbyte template, ref short probe, int length)
    {
        var even = Vector512<int>.Zero;
        var odd = Vector512<int>.Zero;
        for (var i = 0; i < length; i += 64)
        {
            var a = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref template, (nuint)i));
            even = Avx512F.Add(even, Avx512BW.MultiplyAddAdjacent(a, Vector512.LoadUnsafe(ref probe, (nuint)i)));
            if (i + 32 < length)
            {
                var b = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref template, (nuint)(i + 32)));
                odd = Avx512F.Add(odd, Avx512BW.MultiplyAddAdjacent(b, Vector512.LoadUnsafe(ref probe, (nuint)(i + 32))));
            }
        }
        return Vector512.Sum(Avx512F.Add(even, odd));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Avx2Dot(ref sbyte template, ref short probe, int length)
    {
        var even = Vector256<int>.Zero;
        var odd = Vector256<int>.Zero;
        for (var i = 0; i < length; i += 32)
        {
            var a = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref template, (nuint)i));
            var b = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref template, (nuint)(i + 16)));
            even = Avx2.Add(even, Avx2.MultiplyAddAdjacent(a, Vector256.LoadUnsafe(ref probe, (nuint)i)));
            odd = Avx2.Add(odd, Avx2.MultiplyAddAdjacent(b, Vector256.LoadUnsafe(ref probe, (nuint)(i + 16))));
        }
        return Vector256.Sum(Avx2.Add(even, odd));
    }

    /// <summary>Portable SIMD (any 128-bit vector unit, e.g. ARM's NEON): widen, multiply in int16, widen and add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Vector128Dot(ref sbyte template, ref short probe, int length)
    {
        var sum = Vector128<int>.Zero;
        for (var i = 0; i < length; i += 16)
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref template, (nuint)i));
            var lowProduct = low * Vector128.LoadUnsafe(ref probe, (nuint)i);
            var highProduct = high * Vector128.LoadUnsafe(ref probe, (nuint)(i + 8));
            var (a, b) = Vector128.Widen(lowProduct);
            var (c, d) = Vector128.Widen(highProduct);
            sum += (a + b) + (c + d);
        }
        return Vector128.Sum(sum);
    }

    public static int Scalar(ReadOnlySpan<sbyte> template, ReadOnlySpan<short> probe)
    {
        var sum = 0;
        for (var i = 0; i < template.Length; i++)
            sum += template[i] * probe[i];
        return sum;
    }
}
