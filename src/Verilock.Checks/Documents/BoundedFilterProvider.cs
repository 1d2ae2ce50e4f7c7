using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Verilock.Checks.Documents;

/// <summary>
/// PdfPig's filters, each charged to a <see cref="PdfDecodeBudget"/> before it allocates its output. PdfPig asks this
/// provider (through <c>ParsingOptions.FilterProvider</c>) for every stream it decodes: object streams, the page's
/// content, fonts, the scan's samples. Its own filters still do the decoding, so the bytes are exactly PdfPig's.
/// </summary>
internal sealed class BoundedFilterProvider(PdfDecodeBudget budget) : IFilterProvider
{
    /// <summary>
    /// An LZW code of at least 9 bits stands for at most 4,096 bytes; run-length turns 2 bytes into at most 128.
    /// PdfPig decodes both into one growing array with no hook to stop it, so their worst case must fit beforehand.
    /// </summary>
    const long LzwMaxExpansion = 4096 * 8 / 9 + 1;
    const long RunLengthMaxExpansion = 64;

    static IFilterProvider Inner => DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(Inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(Inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(Inner.GetAllFilters());

    IReadOnlyList<IFilter> Wrap(IReadOnlyList<IFilter> filters) => filters.Select(f => (IFilter)new Charged(f, budget)).ToArray();

    sealed class Charged(IFilter inner, PdfDecodeBudget budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            switch (inner)
            {
                case FlateFilter:
                    // Inflated once through a counter that stops at the allowance; only a stream known to fit is
                    // inflated again, by PdfPig, into memory.
                    budget.Check(BoundedInflate.Count(input, budget.StreamAllowance));
                    break;
                case LzwFilter:
                    budget.RefuseIfMayExceed(input.Length * LzwMaxExpansion);
                    break;
                case RunLengthFilter:
                    budget.RefuseIfMayExceed(input.Length * RunLengthMaxExpansion);
                    break;
            }
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Spend(output.Length);
            return output;
        }
    }
}
