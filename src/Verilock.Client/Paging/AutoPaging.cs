using System.Runtime.CompilerServices;

namespace Verilock.Client.Paging;

/// <summary>Walks a list page after page, as <c>ListAutoPagingAsync</c> methods expose it.</summary>
internal static class AutoPaging
{
    /// <summary>
    /// Yields every item from <paramref name="firstPage"/> to the last page. The API pages by offset, newest first, so an
    /// item created while walking pushes the others down one place and the last item of a page comes again at the top of
    /// the next: items already seen on the previous page are skipped (this covers up to a page's worth of new items
    /// between two requests). Items that leave a filtered list meanwhile (a status filter) can be missed; the walk is a
    /// convenience, not a snapshot.
    /// </summary>
    public static async IAsyncEnumerable<T> WalkAsync<T>(
        Func<long, CancellationToken, Task<Page<T>>> fetch, long firstPage, Func<T, string> id,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var previous = new HashSet<string>(StringComparer.Ordinal);
        for (var number = firstPage; ; number++)
        {
            var page = await fetch(number, cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in page.Data)
            {
                var key = id(item);
                if (!seen.Add(key) || previous.Contains(key))
                    continue;
                yield return item;
            }
            if (page.Data.Count == 0 || number >= page.Meta.LastPage)
                yield break;
            previous = seen;
        }
    }
}
