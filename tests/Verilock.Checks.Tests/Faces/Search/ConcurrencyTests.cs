using Verilock.Checks.Faces.Search;

namespace Verilock.Checks.Tests.Faces.Search;

/// <summary>Searches running while templates are rewritten, removed and re-added never fail nor see half a vector.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Searches_during_upserts_and_removes_see_whole_templates_only()
    {
        var vectors = new Embeddings(14);
        var partition = new FaceIndexPartition(Guid.NewGuid(), true);
        using var index = new FaceTemplateIndex();
        var probe = vectors.Unit();
        // Every template is either the probe (cosine 1) or orthogonal to it (cosine 0); a vector written halfway from
        // one to the other would score in between and rank above the orthogonal ones.
        var orthogonal = Enumerable.Range(0, 64).Select(_ => vectors.AtCosine(probe, 0)).ToArray();
        var background = Enumerable.Range(0, TemplateScan.ParallelFrom + 5000)
            .Select(i => new FaceTemplate(Guid.NewGuid(), Embeddings.SessionId(), orthogonal[i % orthogonal.Length])).ToList();
        index.Load(partition, background);
        var flipping = Enumerable.Range(0, 10).Select(_ => (Id: Guid.NewGuid(), Session: Embeddings.SessionId())).ToArray();

        // Dedicated threads (not the pool, which other tests keep busy), for at least 2 s and until every searcher and the
        // writer have done enough, or 30 s.
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        const int EnoughSearches = 20;
        const int EnoughWrites = 150;
        var writes = 0;
        var searched = new int[3];
        var writer = Task.Factory.StartNew(() =>
        {
            var random = new Random(15);
            while (!stop.IsCancellationRequested)
            {
                var (id, session) = flipping[random.Next(flipping.Length)];
                switch (random.Next(4))
                {
                    case 0:
                        index.Remove(id);
                        break;
                    case 1:
                        index.Remove(background[random.Next(background.Count)].TemplateId);
                        break;
                    default:
                        index.Upsert(partition, id, session, random.Next(2) == 0 ? probe : orthogonal[random.Next(orthogonal.Length)]);
                        break;
                }
                writes++;
                if (started.Elapsed > TimeSpan.FromSeconds(2) && writes >= EnoughWrites && Enumerable.Range(0, searched.Length).All(i => Volatile.Read(ref searched[i]) >= EnoughSearches))
                    stop.Cancel();
            }
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var searches = Enumerable.Range(0, searched.Length).Select(s => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var found = index.Search(partition, probe, 30);
                Assert.Equal(30, found.Count);
                Assert.All(found, m => Assert.True(m.Cosine > 0.99f || Math.Abs(m.Cosine) < 0.02f, $"torn: {m.Cosine}"));
                Assert.Equal(found.Count, found.Select(m => m.TemplateId).Distinct().Count());
                Interlocked.Increment(ref searched[s]);
            }
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        await Task.WhenAll(searches);
        await writer;
        Assert.All(searched, c => Assert.True(c >= EnoughSearches, $"only {c} searches ran"));
        Assert.True(writes >= EnoughWrites, $"only {writes} writes ran");
    }
}
