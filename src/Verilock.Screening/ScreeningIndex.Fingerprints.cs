using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Verilock.Screening.Matching;
using Verilock.Screening.Model;

namespace Verilock.Screening;

public sealed partial class ScreeningIndex
{
    private Dictionary<string, ulong>? _fingerprints;

    /// <summary>
    /// Identifies the screening code itself: an index's results can only be compared with another's of the same build
    /// (a new normaliser or scorer changes scores without any list changing).
    /// </summary>
    public static string EngineVersion { get; } = typeof(ScreeningIndex).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>
    /// Per entity id, a 64-bit hash of everything that decides how the entity scores against any query and what its
    /// match shows: its fields, its indexed names, and the flags of every token of those names (set over the whole index,
    /// so another entity's names can change them). Two indexes of the same <see cref="EngineVersion"/> give an entity
    /// with the same fingerprint the same match (or none) for every query whose candidates they generate exactly (see
    /// <see cref="ScreenWithin"/>): comparing fingerprints tells which entities a new list version changed.
    /// </summary>
    public IReadOnlyDictionary<string, ulong> EntityFingerprints()
    {
        if (Volatile.Read(ref _fingerprints) is { } done)
            return done;
        var namesOf = NamesByEntity();
        var fingerprints = new Dictionary<string, ulong>(_entities.Length, StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true);
        for (var e = 0; e < _entities.Length; e++)
        {
            buffer.SetLength(0);
            WriteEntity(writer, _entities[e]);
            foreach (var n in namesOf[e])
                WriteName(writer, _names[n]);
            writer.Flush();
            var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
            var id = _entities[e].EntityId;
            // An id listed twice in one list: both entries count, in their order.
            fingerprints[id] = fingerprints.TryGetValue(id, out var earlier) ? Combine(earlier, hash) : hash;
        }
        Volatile.Write(ref _fingerprints, fingerprints);
        return fingerprints;
    }

    /// <summary>Key prefix of the words in <see cref="BasisFingerprints"/>: no entity id starts with a NUL.</summary>
    internal const char WordKeyPrefix = '\0';

    /// <summary>
    /// What a later <see cref="ScreeningDelta"/> needs of this index: the <see cref="EntityFingerprints"/>, and, keyed
    /// by <see cref="WordKeyPrefix"/> and the word, every word whose being listed decides whether a query word is
    /// looked up two edits away (value 0). That lookup depends on the whole vocabulary, not on one entity: a list
    /// version that adds or drops such a word changes how queries spelling it are screened, so the delta must know.
    /// </summary>
    public IReadOnlyDictionary<string, ulong> BasisFingerprints()
    {
        var basis = new Dictionary<string, ulong>(EntityFingerprints(), StringComparer.Ordinal);
        foreach (var word in _vocabulary.TwoEditDecidingWords())
            basis[WordKeyPrefix + word] = 0;
        return basis;
    }

    /// <summary>The words of <see cref="TwoEditDecidingWords"/>, for a delta from this index.</summary>
    internal HashSet<string> TwoEditDecidingWords() => _vocabulary.TwoEditDecidingWords().ToHashSet(StringComparer.Ordinal);

    private static ulong Combine(ulong first, ulong second)
    {
        Span<byte> both = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(both, first);
        BinaryPrimitives.WriteUInt64LittleEndian(both[8..], second);
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(both));
    }

    /// <summary>Each entity's indexed names, in index order (an entity's names are added together).</summary>
    private List<int>[] NamesByEntity()
    {
        var namesOf = new List<int>[_entities.Length];
        for (var e = 0; e < namesOf.Length; e++)
            namesOf[e] = [];
        for (var n = 0; n < _names.Length; n++)
            namesOf[_names[n].EntityIndex].Add(n);
        return namesOf;
    }

    private static void WriteEntity(BinaryWriter writer, SanctionsEntity entity)
    {
        writer.Write(entity.EntityId);
        writer.Write(entity.ListId);
        writer.Write((int)entity.Schema);
        writer.Write(entity.PrimaryName);
        writer.Write(entity.Aliases.Count);
        foreach (var alias in entity.Aliases)
        {
            writer.Write(alias.Value);
            writer.Write((int)alias.Quality);
        }
        writer.Write(entity.BirthDates.Count);
        foreach (var date in entity.BirthDates)
        {
            writer.Write(date.Year);
            writer.Write(date.Month ?? -1);
            writer.Write(date.Day ?? -1);
            writer.Write(date.ToYear);
        }
        WriteStrings(writer, entity.Nationalities);
        WriteStrings(writer, entity.Programs);
        writer.Write(entity.Identifiers.Count);
        foreach (var identifier in entity.Identifiers)
        {
            writer.Write(identifier.Type);
            writer.Write(identifier.Value);
            writer.Write(identifier.Country ?? "\0");
        }
    }

    private void WriteName(BinaryWriter writer, IndexedName name)
    {
        writer.Write(name.Display);
        writer.Write(name.IsWeak);
        writer.Write(name.TotalWeight);
        foreach (var weight in name.Weights)
            writer.Write(weight);
        WriteTokens(writer, name.TokenIds);
        WriteTokens(writer, name.FusedIds);
    }

    private void WriteTokens(BinaryWriter writer, int[] ids)
    {
        writer.Write(ids.Length);
        foreach (var id in ids)
        {
            var flags = _tokenFlags[id];
            writer.Write(flags.Text);
            writer.Write((byte)((flags.Fused ? 1 : 0) | (flags.Pair ? 2 : 0) | (flags.WritesVowels ? 4 : 0)));
        }
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
            writer.Write(value);
    }
}
