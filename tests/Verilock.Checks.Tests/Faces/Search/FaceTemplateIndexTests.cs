using Verilock.Checks.Faces.Search;

namespace Verilock.Checks.Tests.Faces.Search;

/// <summary>What a search returns and what changes to the index do to it.</summary>
public sealed class FaceTemplateIndexTests
{
    private static readonly FaceIndexPartition Account = new(Guid.NewGuid(), Live: true);

    [Fact]
    public void Finds_the_nearest_template_with_its_float_cosine_within_quantisation_tolerance()
    {
        var vectors = new Embeddings(1);
        using var index = new FaceTemplateIndex();
        var exact = new ExactFaceSearch();
        var templates = Enumerable.Range(0, 2000).Select(_ => (Id: Guid.NewGuid(), Session: Embeddings.SessionId(), Vector: vectors.Unit())).ToList();
        foreach (var (id, session, vector) in templates)
        {
            index.Upsert(Account, id, session, vector);
            exact.Add(id, session, vector);
        }
        for (var i = 0; i < 100; i++)
        {
            var target = templates[i * 17];
            var probe = vectors.AtCosine(target.Vector, 0.55 + 0.004 * i);
            var expected = exact.Search(probe, 1)[0];
            var found = index.Search(Account, probe, 1)[0];
            Assert.Equal(target.Id, expected.TemplateId);
            Assert.Equal(target.Id, found.TemplateId);
            Assert.Equal(target.Session, found.SessionId);
            Assert.InRange(found.Cosine - expected.Cosine, -0.01f, 0.01f);
        }
    }

    [Fact]
    public void Int8_cosines_stay_within_0_01_of_float_cosines_on_random_unit_vectors()
    {
        var vectors = new Embeddings(2);
        using var reranked = new FaceTemplateIndex();
        using var int8Only = new FaceTemplateIndex(rerank: 0);
        var exact = new ExactFaceSearch();
        var probe = vectors.Unit();
        for (var i = 0; i < 500; i++)
        {
            var (id, session) = (Guid.NewGuid(), Embeddings.SessionId());
            var vector = vectors.AtCosine(probe, -0.9 + 1.8 * i / 500);
            reranked.Upsert(Account, id, session, vector);
            int8Only.Upsert(Account, id, session, vector);
            exact.Add(id, session, vector);
        }
        var truth = exact.Search(probe, 500).ToDictionary(m => m.TemplateId, m => m.Cosine);
        foreach (var index in new[] { reranked, int8Only })
        {
            var found = index.Search(Account, probe, 500);
            Assert.Equal(500, found.Count);
            var worst = found.Max(m => Math.Abs(m.Cosine - truth[m.TemplateId]));
            Assert.InRange(worst, 0, 0.01f);
        }
    }

    [Fact]
    public void Results_are_best_first_limited_to_top_and_above_the_minimum()
    {
        var vectors = new Embeddings(3);
        using var index = new FaceTemplateIndex();
        var probe = vectors.Unit();
        double[] cosines = [0.35, 0.95, 0.15, 0.75, 0.55, 0.85, 0.05, 0.65, 0.45, 0.25];
        var ids = cosines.Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < cosines.Length; i++)
            index.Upsert(Account, ids[i], Embeddings.SessionId(), vectors.AtCosine(probe, cosines[i]));
        var byCosine = Enumerable.Range(0, cosines.Length).OrderByDescending(i => cosines[i]).Select(i => ids[i]).ToArray();

        var all = index.Search(Account, probe, 100);
        Assert.Equal(byCosine, all.Select(m => m.TemplateId));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Cosine >= p.Second.Cosine));

        Assert.Equal(byCosine[..3], index.Search(Account, probe, 3).Select(m => m.TemplateId));

        var above = index.Search(Account, probe, 100, minCosine: 0.6f);
        Assert.Equal(byCosine[..4], above.Select(m => m.TemplateId));
        Assert.All(above, m => Assert.True(m.Cosine >= 0.6f));
    }

    [Fact]
    public void The_probes_own_session_is_left_out()
    {
        var vectors = new Embeddings(4);
        using var index = new FaceTemplateIndex();
        var face = vectors.Unit();
        var (own, other) = (Embeddings.SessionId(), Embeddings.SessionId());
        var ownId = Guid.NewGuid();
        var otherId = Guid.NewGuid();
        index.Upsert(Account, ownId, own, face);
        index.Upsert(Account, otherId, other, vectors.AtCosine(face, 0.7));

        Assert.Equal([ownId, otherId], index.Search(Account, face, 5).Select(m => m.TemplateId));
        var found = Assert.Single(index.Search(Account, face, 5, excludeSessionId: own));
        Assert.Equal(otherId, found.TemplateId);
        Assert.Equal(other, found.SessionId);
    }

    [Fact]
    public void Another_accounts_or_the_other_modes_templates_are_never_returned()
    {
        var vectors = new Embeddings(5);
        using var index = new FaceTemplateIndex();
        var face = vectors.Unit();
        var otherAccount = new FaceIndexPartition(Guid.NewGuid(), Live: true);
        var testMode = Account with { Live = false };
        var mine = Guid.NewGuid();
        index.Upsert(Account, mine, Embeddings.SessionId(), vectors.AtCosine(face, 0.5));
        index.Upsert(otherAccount, Guid.NewGuid(), Embeddings.SessionId(), face);
        index.Upsert(testMode, Guid.NewGuid(), Embeddings.SessionId(), face);

        var found = Assert.Single(index.Search(Account, face, 10));
        Assert.Equal(mine, found.TemplateId);
        Assert.Single(index.Search(otherAccount, face, 10));
        Assert.Single(index.Search(testMode, face, 10));
        Assert.Empty(index.Search(new FaceIndexPartition(Guid.NewGuid(), true), face, 10));
        Assert.Equal(3, index.Count);
        Assert.Equal(1, index.CountIn(Account));
    }

    [Fact]
    public void Removed_templates_are_not_found_and_the_others_still_are()
    {
        var vectors = new Embeddings(6);
        using var index = new FaceTemplateIndex();
        var templates = Enumerable.Range(0, 300).Select(_ => (Id: Guid.NewGuid(), Vector: vectors.Unit())).ToList();
        foreach (var (id, vector) in templates)
            index.Upsert(Account, id, Embeddings.SessionId(), vector);
        var removed = templates.Where((_, i) => i % 3 != 1).ToList();
        foreach (var (id, _) in removed)
            Assert.True(index.Remove(id));
        Assert.False(index.Remove(removed[0].Id));
        Assert.Equal(100, index.Count);

        var removedIds = removed.Select(t => t.Id).ToHashSet();
        foreach (var (id, vector) in templates)
        {
            var found = index.Search(Account, vector, 200);
            Assert.DoesNotContain(found, m => removedIds.Contains(m.TemplateId));
            if (!removedIds.Contains(id))
            {
                Assert.Equal(id, found[0].TemplateId);
                Assert.True(found[0].Cosine > 0.99f);
            }
        }
    }

    [Fact]
    public void Removing_a_session_removes_its_templates_in_every_partition()
    {
        var vectors = new Embeddings(7);
        using var index = new FaceTemplateIndex();
        var face = vectors.Unit();
        var redacted = Embeddings.SessionId();
        var kept = Guid.NewGuid();
        index.Upsert(Account, Guid.NewGuid(), redacted, face);
        index.Upsert(Account, Guid.NewGuid(), redacted, vectors.AtCosine(face, 0.9));
        index.Upsert(Account, kept, Embeddings.SessionId(), vectors.AtCosine(face, 0.6));
        index.Upsert(Account with { Live = false }, Guid.NewGuid(), redacted, face);

        Assert.Equal(3, index.RemoveSession(redacted));
        Assert.Equal(0, index.RemoveSession(redacted));
        Assert.Equal([kept], index.Search(Account, face, 10).Select(m => m.TemplateId));
        Assert.Empty(index.Search(Account with { Live = false }, face, 10));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Upserting_an_existing_id_replaces_its_vector_session_and_partition()
    {
        var vectors = new Embeddings(8);
        using var index = new FaceTemplateIndex();
        var (before, after) = (vectors.Unit(), vectors.Unit());
        var id = Guid.NewGuid();
        var session = Embeddings.SessionId();
        index.Upsert(Account, id, Embeddings.SessionId(), before);
        index.Upsert(Account, id, session, after);

        Assert.Equal(1, index.Count);
        var found = Assert.Single(index.Search(Account, after, 10));
        Assert.Equal((id, session), (found.TemplateId, found.SessionId));
        Assert.True(found.Cosine > 0.99f);
        Assert.True(Assert.Single(index.Search(Account, before, 10)).Cosine < 0.3f);

        var moved = new FaceIndexPartition(Guid.NewGuid(), Live: false);
        index.Upsert(moved, id, session, after);
        Assert.Empty(index.Search(Account, after, 10));
        Assert.Equal(id, Assert.Single(index.Search(moved, after, 10)).TemplateId);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Loading_replaces_one_partitions_templates()
    {
        var vectors = new Embeddings(9);
        using var index = new FaceTemplateIndex();
        var other = new FaceIndexPartition(Guid.NewGuid(), true);
        var face = vectors.Unit();
        var stale = Guid.NewGuid();
        index.Upsert(Account, stale, Embeddings.SessionId(), face);
        index.Upsert(other, Guid.NewGuid(), Embeddings.SessionId(), face);
        var loaded = Enumerable.Range(0, 20000)
            .Select(i => new FaceTemplate(Guid.NewGuid(), Embeddings.SessionId(), i == 0 ? face : vectors.Unit())).ToList();

        index.Load(Account, loaded);

        Assert.Equal(20001, index.Count);
        Assert.Equal(20000, index.CountIn(Account));
        var found = index.Search(Account, face, 2);
        Assert.Equal(loaded[0].TemplateId, found[0].TemplateId);
        Assert.DoesNotContain(found, m => m.TemplateId == stale);
        Assert.False(index.Remove(stale));
        Assert.True(index.Remove(loaded[0].TemplateId));
        Assert.NotEqual(loaded[0].TemplateId, index.Search(Account, face, 1)[0].TemplateId);
        Assert.Single(index.Search(other, face, 10));
    }

    [Fact]
    public void Zero_nan_infinite_or_misshapen_embeddings_and_bad_session_ids_are_refused()
    {
        using var index = new FaceTemplateIndex();
        var good = new Embeddings(10).Unit();
        var nan = (float[])good.Clone();
        nan[7] = float.NaN;
        var infinite = (float[])good.Clone();
        infinite[3] = float.PositiveInfinity;
        float[][] refused = [new float[512], nan, infinite, new float[511], good[..256]];
        foreach (var embedding in refused)
        {
            Assert.Throws<ArgumentException>(() => index.Upsert(Account, Guid.NewGuid(), Embeddings.SessionId(), embedding));
            Assert.Throws<ArgumentException>(() => index.Search(Account, embedding, 1));
            Assert.Throws<ArgumentException>(() => index.Load(Account, [new FaceTemplate(Guid.NewGuid(), Embeddings.SessionId(), embedding)]));
        }
        foreach (var session in new[] { "ses_123", Guid.NewGuid().ToString(), "SES_" + Guid.NewGuid(), "ses_" + Guid.NewGuid().ToString("D").ToUpperInvariant() })
            Assert.Throws<ArgumentException>(() => index.Upsert(Account, Guid.NewGuid(), session, good));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Search(Account, good, 1));
    }
}
