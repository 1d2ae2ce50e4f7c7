using System.Net;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Verilock.Checks.Samples;
using Verilock.Domain.Faces;
using Verilock.Infrastructure.Faces;
using Verilock.Server.Checks;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Faces;

/// <summary>
/// Face templates (spec §20): an approved live session's selfie embedding is kept encrypted, a reviewed one's waits
/// for the decision, a declined one keeps none, and redaction leaves no face and no key behind.
/// </summary>
public abstract class FaceTemplateTests(ApiFixture api) : ApiTests(api)
{
    private const string Eriksson =
        "\"applicant\":{\"first_name\":\"Anna Maria\",\"last_name\":\"Eriksson\",\"date_of_birth\":\"1974-08-12\"}";

    private async Task<(ApiFixture.Caller Caller, string Id)> CheckedAsync(byte[] selfie, byte[]? passport, string steps, bool live = true)
    {
        var caller = await Api.NewCallerAsync(live);
        var id = await CreateAsync(caller.Client, $$"""{"steps":{{steps}},{{Eriksson}}}""");
        if (passport is not null)
            await (await caller.Client.PostDocumentAsync(id, File("front", passport), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostSelfieAsync(id, selfie)).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(live ? TimeSpan.Zero : TimeSpan.FromSeconds(3)));
        return (caller, id);
    }

    private Task<List<FaceTemplate>> TemplatesAsync(string sessionId) =>
        Api.WithDbAsync(db => db.FaceTemplates.AsNoTracking().Where(t => t.SessionId == sessionId).ToListAsync());

    private Task<bool> KeyExistsAsync(FaceTemplate template) =>
        Api.WithDbAsync(db => db.MediaDataKeys.AnyAsync(k => k.StorageKey == template.StorageKey));

    private Task<float[]?> OpenAsync(FaceTemplate template) => Api.WithDbAsync(db =>
        Api.Services.GetRequiredService<FaceTemplateStore>().OpenAsync(db, template, CancellationToken.None));

    private static byte[] DarkSelfie()
    {
        using var bright = SKBitmap.Decode(KnownFaces.Holder.Selfie());
        using var dark = new SKBitmap(bright.Width, bright.Height);
        using (var canvas = new SKCanvas(dark))
        using (var paint = new SKPaint { ColorFilter = SKColorFilter.CreateColorMatrix([0.25f, 0, 0, 0, 0, 0, 0.25f, 0, 0, 0, 0, 0, 0.25f, 0, 0, 0, 0, 0, 1, 0]) })
            canvas.DrawBitmap(bright, 0, 0, paint);
        return FaceAugmentations.Encode(dark, 90);
    }

    [Fact]
    public async Task An_approved_session_keeps_its_selfie_s_embedding_sealed_with_the_model_that_made_it()
    {
        var selfie = KnownFaces.Holder.Selfie();
        var (caller, id) = await CheckedAsync(selfie, KnownFaces.Holder.Passport(SampleDocuments.Specimen), """["document","selfie","face_match"]""");
        Assert.Equal("approved", (string?)(await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]);

        var template = Assert.Single(await TemplatesAsync(id));
        Assert.Equal(FaceTemplateState.Enrolled, template.State);
        Assert.Equal(caller.AccountId, template.AccountId);
        Assert.True(template.LiveMode);
        Assert.NotNull(template.EnrolledAt);
        var models = Api.Services.GetRequiredService<CheckModels>();
        Assert.Matches("^fr_feature\\.onnx@sha256:[0-9a-f]{16}\\+flip$", template.Model);
        Assert.Equal(models.Faces.EmbeddingModel, template.Model);

        // What is stored is ciphertext: the embedding's bytes appear nowhere in it, and it opens to the selfie's embedding.
        var expected = models.Faces.AnalyzeSelfie(selfie, withLiveness: false).Embedding!;
        var plainBytes = MemoryMarshal.AsBytes(expected.AsSpan()).ToArray();
        Assert.True(template.SealedEmbedding!.AsSpan().IndexOf(plainBytes.AsSpan(0, 16)) < 0);
        Assert.True(await KeyExistsAsync(template));
        Assert.Equal(expected, await OpenAsync(template));
    }

    [Fact]
    public async Task A_reviewed_session_keeps_a_candidate_that_an_approval_enrols()
    {
        var (caller, id) = await CheckedAsync(DarkSelfie(), null, """["selfie"]""");
        var candidate = Assert.Single(await TemplatesAsync(id));
        Assert.Equal(FaceTemplateState.Candidate, candidate.State);
        Assert.Null(candidate.EnrolledAt);

        await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"approved"}""")).ExpectAsync(HttpStatusCode.OK);
        var enrolled = Assert.Single(await TemplatesAsync(id));
        Assert.Equal(FaceTemplateState.Enrolled, enrolled.State);
        Assert.NotNull(enrolled.EnrolledAt);
        Assert.NotNull(await OpenAsync(enrolled));
    }

    [Fact]
    public async Task A_reviewed_session_declined_by_a_person_forgets_its_candidate_and_its_key()
    {
        var (caller, id) = await CheckedAsync(DarkSelfie(), null, """["selfie"]""");
        var candidate = Assert.Single(await TemplatesAsync(id));

        await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"declined"}""")).ExpectAsync(HttpStatusCode.OK);
        var removed = Assert.Single(await TemplatesAsync(id));
        Assert.Equal(FaceTemplateState.Removed, removed.State);
        Assert.Null(removed.SealedEmbedding);
        Assert.False(await KeyExistsAsync(candidate));
    }

    [Fact]
    public async Task A_declined_session_keeps_no_face()
    {
        var (_, id) = await CheckedAsync(KnownFaces.Stranger.Selfie(), KnownFaces.Holder.Passport(SampleDocuments.Specimen), """["document","selfie","face_match"]""");
        Assert.Empty(await TemplatesAsync(id));
    }

    [Fact]
    public async Task Redaction_leaves_no_embedding_and_no_data_key()
    {
        var (caller, id) = await CheckedAsync(KnownFaces.Holder.Selfie(), KnownFaces.Holder.Passport(SampleDocuments.Specimen), """["document","selfie","face_match"]""");
        var template = Assert.Single(await TemplatesAsync(id));
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);

        var removed = Assert.Single(await TemplatesAsync(id));
        Assert.Equal(FaceTemplateState.Removed, removed.State);
        Assert.Null(removed.SealedEmbedding);
        Assert.True(removed.ChangedAt >= template.ChangedAt);
        Assert.False(await KeyExistsAsync(template));
        // Even the old ciphertext, had a copy survived, cannot be opened without its key.
        Assert.Null(Api.Services.GetRequiredService<FaceTemplateStore>().Open(template, null));
    }

    [Fact]
    public async Task Test_keys_keep_no_face()
    {
        var (_, id) = await CheckedAsync(KnownFaces.Holder.Selfie(), KnownFaces.Holder.Passport(SampleDocuments.Specimen),
            """["document","selfie","face_match"]""", live: false);
        Assert.Empty(await TemplatesAsync(id));
    }
}

public sealed class FaceTemplateTestsOnSqlite(SqliteApiFixture api) : FaceTemplateTests(api), IClassFixture<SqliteApiFixture>;

public sealed class FaceTemplateTestsOnPostgres(PostgresApiFixture api) : FaceTemplateTests(api), IClassFixture<PostgresApiFixture>;
