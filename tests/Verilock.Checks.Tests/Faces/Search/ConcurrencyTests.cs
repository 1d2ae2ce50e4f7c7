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

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var writes = 0;
        var writer = Task.Run(() =>
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
            }
        }, TestContext.Current.CancellationToken);
        var searches = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var done = 0;
            while (!stop.IsCancellationRequested)
            {
                var found = index.Search(partition, probe, 30);
                Assert.Equal(30, found.Count);
                Assert.All(found, m => Assert.True(m.Cosine > 0.99f || Math.Abs(m.Cosine) < 0.02f, $"torn: {m.Cosine}"));
                Assert.Equal(found.Count, found.Select(m => m.TemplateId).Distinct().Count());
                done++;
            }
            return done;
        }, TestContext.Current.CancellationToken)).ToArray();

        var counts = await Task.WhenAll(searches);
        await writer;
        Assert.All(counts, c => Assert.True(c > 5, $"only {c} searches ran"));
        Assert.True(writes > 100, $"only {writes} writes ran");
    }
}
