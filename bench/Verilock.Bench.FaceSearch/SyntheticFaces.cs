using System.Numerics.Tensors;

namespace Verilock.Bench.FaceSearch;

/// <summary>
/// Clustered stand-ins for face embeddings, deterministic from a seed. Real embeddings are not uniform on the sphere:
/// different people's cosines spread around a small positive mean with σ ≈ 0.13 (docs/face-matching.md: impostor
/// p50 0.045, p95 0.26), where uniform random 512-d vectors would give σ ≈ 0.044. So an identity is a Gaussian whose
/// variance decays over the coordinates (effective dimension ≈ 32) turned by a random rotation (random signs and a
/// Walsh–Hadamard transform), and a template or probe is its identity plus isotropic noise at a cosine to the
/// identity of √0.6–√0.8, which puts two captures of one person at a cosine of about 0.6–0.8. A share of templates
/// are near-duplicates (cosine ≈ 0.985 to another template of the same person: the same photo enrolled twice).
/// Normal draws come from a table of 65,536 Box–Muller values picked by a xorshift generator: half a billion of them
/// are needed for a million templates, and the table makes that seconds rather than a minute.
/// </summary>
internal sealed class SyntheticFaces
{
    public const int Dimension = 512;
    public const int TemplatesPerIdentity = 5;
    private const double NearDuplicateShare = 0.02;

    private static readonly float[] Normals = NormalTable();

    private readonly float[] _signs = new float[Dimension];
    private readonly float[] _spread = new float[Dimension];
    private readonly int _seed;

    public SyntheticFaces(int seed)
    {
        _seed = seed;
        var random = new Random(seed);
        for (var i = 0; i < Dimension; i++)
        {
            _signs[i] = random.Next(2) == 0 ? -1 : 1;
            _spread[i] = (float)Math.Exp(-i / 32.0);
        }
    }

    /// <summary>Fills <paramref name="vectors"/> (count × 512, unit rows) with templates; identity of each row out.</summary>
    public int[] Templates(float[] vectors, int count)
    {
        var identities = new int[count];
        var people = (count + TemplatesPerIdentity - 1) / TemplatesPerIdentity;
        Parallel.For(0, people, person =>
        {
            var random = new Draws(Mix(_seed, person, 0, 0));
            var identity = Identity(person);
            for (var k = 0; k < TemplatesPerIdentity; k++)
            {
                var row = person * TemplatesPerIdentity + k;
                if (row >= count)
                    break;
                identities[row] = person;
                var target = vectors.AsSpan(row * Dimension, Dimension);
                if (k > 0 && random.NextDouble() < NearDuplicateShare)
                    Around(vectors.AsSpan((row - 1) * Dimension, Dimension), 0.985, ref random, target);
                else
                    Around(identity, Math.Sqrt(0.6 + 0.2 * random.NextDouble()), ref random, target);
            }
        });
        return identities;
    }

    /// <summary>A new capture of a known person (who is in the templates) or of someone new (<paramref name="person"/> beyond them).</summary>
    public float[] Probe(int person, int view)
    {
        var random = new Draws(Mix(_seed, person, view, 7));
        var probe = new float[Dimension];
        Around(Identity(person), Math.Sqrt(0.6 + 0.2 * random.NextDouble()), ref random, probe);
        return probe;
    }

    /// <summary>A person's direction: anisotropic Gaussian, randomly rotated, unit length.</summary>
    public float[] Identity(int person)
    {
        var random = new Draws(Mix(_seed, person, 0, 1));
        var v = new float[Dimension];
        for (var i = 0; i < Dimension; i++)
            v[i] = random.Normal() * _spread[i] * _signs[i];
        Hadamard(v);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    /// <summary>A unit vector at cosine ≈ <paramref name="cosine"/> to the unit vector <paramref name="centre"/>.</summary>
    private static void Around(ReadOnlySpan<float> centre, double cosine, ref Draws random, Span<float> into)
    {
        for (var i = 0; i < into.Length; i++)
            into[i] = random.Normal();
        // Noise nearly orthogonal to the centre in 512 dimensions; remove what lies along it so the cosine is exact.
        var along = TensorPrimitives.Dot(into, centre);
        for (var i = 0; i < into.Length; i++)
            into[i] -= along * centre[i];
        var noise = (float)(Math.Sqrt(1 - cosine * cosine) / TensorPrimitives.Norm(into));
        for (var i = 0; i < into.Length; i++)
            into[i] = (float)(cosine * centre[i]) + noise * into[i];
    }

    private static void Hadamard(Span<float> v)
    {
        for (var h = 1; h < v.Length; h <<= 1)
            for (var i = 0; i < v.Length; i += h << 1)
                for (var j = i; j < i + h; j++)
                    (v[j], v[j + h]) = (v[j] + v[j + h], v[j] - v[j + h]);
    }

    /// <summary>A seed from four numbers, the same in every process (unlike <see cref="HashCode"/>, randomised per process).</summary>
    private static int Mix(int a, int b, int c, int d)
    {
        var z = (ulong)(uint)a << 32 ^ (uint)b ^ (ulong)(uint)c << 17 ^ (ulong)(uint)d << 47;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }

    private static float[] NormalTable()
    {
        var random = new Random(12345);
        var table = new float[1 << 16];
        for (var i = 0; i < table.Length; i++)
            table[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return table;
    }

    /// <summary>xorshift64*: uniform doubles and table normals, a few nanoseconds each.</summary>
    private struct Draws(int seed)
    {
        private ulong _state = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed * 0xBF58476D1CE4E5B9UL | 1;

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        public float Normal() => Normals[(int)(Next() >> 48)];

        private ulong Next()
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return _state * 0x2545F4914F6CDD1DUL;
        }
    }
}
