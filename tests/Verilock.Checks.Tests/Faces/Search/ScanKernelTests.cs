using Verilock.Checks.Faces.Search;

namespace Verilock.Checks.Tests.Faces.Search;

/// <summary>The SIMD kernels and the scalar fallback compute the same dot products, and searches agree across them.</summary>
public sealed class ScanKernelTests
{
    public static TheoryData<int> Kernels() => new(Enum.GetValues<FaceScanKernel>().Where(k => k != FaceScanKernel.Auto).Select(k => (int)k));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Every_kernel_computes_the_exact_int8_dot_product(int kernelNumber)
    {
        var kernel = (FaceScanKernel)kernelNumber;
        Assert.SkipUnless(Int8Dot.IsSupported(kernel), $"this processor has no {kernel}");
        var random = new Random(11);
        foreach (var length in new[] { 32, 64, 96, 512, 1024 })
            for (var round = 0; round < 200; round++)
            {
                var template = new sbyte[length];
                var probe = new short[length];
                for (var i = 0; i < length; i++)
                {
                    // Extremes included: the sums must not saturate.
                    template[i] = round < 2 ? (sbyte)(round == 0 ? 127 : -127) : (sbyte)random.Next(-127, 128);
                    probe[i] = round < 2 ? (short)127 : (short)random.Next(-127, 128);
                }
                Assert.Equal(Int8Dot.Scalar(template, probe), Dot(kernel, template, probe));
            }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Searches_with_every_kernel_return_what_the_scalar_fallback_returns(int kernelNumber)
    {
        var kernel = (FaceScanKernel)kernelNumber;
        Assert.SkipUnless(Int8Dot.IsSupported(kernel), $"this processor has no {kernel}");
        var vectors = new Embeddings(12);
        var partition = new FaceIndexPartition(Guid.NewGuid(), true);
        using var simd = new FaceTemplateIndex(512, rerank: 0, parallelism: null, kernel);
        using var scalar = new FaceTemplateIndex(512, rerank: 0, parallelism: null, FaceScanKernel.Scalar);
        Assert.Equal(kernel, simd.Kernel);
        var templates = Enumerable.Range(0, 3000).Select(_ => new FaceTemplate(Guid.NewGuid(), Embeddings.SessionId(), vectors.Unit())).ToList();
        simd.Load(partition, templates);
        scalar.Load(partition, templates);
        for (var i = 0; i < 20; i++)
        {
            var probe = vectors.AtCosine(templates[i * 101].Embedding.ToArray(), 0.6);
            Assert.Equal(scalar.Search(partition, probe, 10), simd.Search(partition, probe, 10));
        }
    }

    [Fact]
    public void The_automatic_kernel_is_the_best_the_processor_has()
    {
        using var index = new FaceTemplateIndex();
        Assert.Equal(Int8Dot.Best, index.Kernel);
        Assert.NotEqual(FaceScanKernel.Auto, index.Kernel);
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
            Assert.True(index.Kernel is FaceScanKernel.Avx2 or FaceScanKernel.Avx512);
    }

    [Fact]
    public void A_large_partition_scanned_on_every_core_gives_what_one_thread_gives()
    {
        var vectors = new Embeddings(13, 64);
        var partition = new FaceIndexPartition(Guid.NewGuid(), true);
        using var parallel = new FaceTemplateIndex(64, parallelism: 4);
        using var single = new FaceTemplateIndex(64, parallelism: 1);
        var count = TemplateScan.ParallelFrom * 2 + 123;
        var templates = Enumerable.Range(0, count).Select(_ => new FaceTemplate(Guid.NewGuid(), Embeddings.SessionId(), vectors.Unit())).ToList();
        parallel.Load(partition, templates);
        single.Load(partition, templates);
        for (var i = 0; i < 10; i++)
        {
            var target = templates[count - 1 - i * 5003];
            var probe = vectors.AtCosine(target.Embedding.ToArray(), 0.8);
            var found = parallel.Search(partition, probe, 20, excludeSessionId: templates[5].SessionId);
            Assert.Equal(single.Search(partition, probe, 20, excludeSessionId: templates[5].SessionId), found);
            Assert.Equal(target.TemplateId, found[0].TemplateId);
            Assert.Equal(20, found.Count);
        }
    }

    private static int Dot(FaceScanKernel kernel, sbyte[] template, short[] probe) => kernel switch
    {
        FaceScanKernel.Avx512 => Int8Dot.Avx512(ref template[0], ref probe[0], template.Length),
        FaceScanKernel.Avx2 => Int8Dot.Avx2Dot(ref template[0], ref probe[0], template.Length),
        FaceScanKernel.Vector128 => Int8Dot.Vector128Dot(ref template[0], ref probe[0], template.Length),
        _ => Int8Dot.Scalar(template, probe),
    };
}
