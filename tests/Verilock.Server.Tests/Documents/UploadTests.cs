using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Documents;

/// <summary>Uploads and media downloads (spec §8.4, §8.5, §8.7) and their errors (§3).</summary>
public abstract class UploadTests(ApiFixture api) : ApiTests(api)
{
    private const string DocumentSteps = """{"steps":["document","selfie","face_match"]}""";

    [Fact]
    public async Task Both_sides_upload_returns_the_document_and_the_session_lists_it()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, DocumentSteps);
        var front = Jpeg(1);
        var back = Png(2);
        var uploadedAt = Api.NowText();

        var body = await (await caller.Client.PostDocumentAsync(id,
            File("front", front, "id_front.jpg"), File("back", back, "C:\\scans\\id_back.png"), Field("type", "id_card")))
            .ExpectAsync(HttpStatusCode.OK);

        var documentId = (string)body["id"]!;
        Assert.StartsWith("doc_", documentId);
        Assert.Equal(
            $$$"""{"id":"{{{documentId}}}","session_id":"{{{id}}}","type":"id_card","document_type":"id_card","side":null,"status":"uploaded","files":{"front":"id_front.jpg","back":"id_back.png"},"media":{"front":{"content_type":"image/jpeg","size_bytes":2048,"sha256":"{{{Sha(front)}}}","uploaded_at":"{{{uploadedAt}}}"},"back":{"content_type":"image/png","size_bytes":2048,"sha256":"{{{Sha(back)}}}","uploaded_at":"{{{uploadedAt}}}"}},"created_at":"{{{uploadedAt}}}"}""",
            body.ToJsonString());

        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), session["documents"]![0]!.ToJsonString());
        Assert.Single(session["documents"]!.AsArray());
        Assert.Null(session["selfie"]);
    }

    [Fact]
    public async Task One_side_uploads_build_one_document_and_a_reupload_replaces_the_side()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, DocumentSteps);
        var first = await (await caller.Client.PostDocumentAsync(id, File("file", Jpeg(1)), Field("side", "front"), Field("document_type", "passport")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("front", (string?)first["side"]);
        Assert.Equal("passport", (string?)first["type"]);
        var oldKey = await StorageKeyAsync(id, front: true);

        var second = await (await caller.Client.PostDocumentAsync(id, File("file", Jpeg(3), "again.jpg"), Field("side", "front"), Field("document_type", "id_card")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((string?)first["id"], (string?)second["id"]);
        Assert.Equal("id_card", (string?)second["document_type"]);
        Assert.Equal("again.jpg", (string?)second["files"]!["front"]);
        Assert.Equal(Sha(Jpeg(3)), (string?)second["media"]!["front"]!["sha256"]);
        Assert.Null(second["media"]!["back"]);

        // The replaced file is gone from the store, not just forgotten.
        var store = Api.Services.GetRequiredService<Verilock.Infrastructure.Media.MediaStore>();
        Assert.Null(await store.ReadAsync(oldKey, CancellationToken.None));

        var back = await (await caller.Client.PostDocumentAsync(id, File("file", Pdf(4)), Field("side", "back")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("back", (string?)back["side"]);
        Assert.Equal("id_card", (string?)back["type"]);
        Assert.Equal("application/pdf", (string?)back["media"]!["back"]!["content_type"]);
        Assert.NotNull(back["media"]!["front"]);
    }

    [Fact]
    public async Task Media_downloads_return_the_exact_bytes_uncached_and_are_encrypted_at_rest()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, DocumentSteps);
        var front = Jpeg(7, 50_000);
        var selfie = Png(8);
        var document = await (await caller.Client.PostDocumentAsync(id, File("front", front), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        var selfieBody = await (await caller.Client.PostSelfieAsync(id, selfie, field: "file")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            $$$"""{"id":"{{{selfieBody["id"]}}}","session_id":"{{{id}}}","status":"uploaded","file":"selfie.jpg","media":{"content_type":"image/png","size_bytes":2048,"sha256":"{{{Sha(selfie)}}}","uploaded_at":"{{{Api.NowText()}}}"},"created_at":"{{{Api.NowText()}}}"}""",
            selfieBody.ToJsonString());

        var image = await caller.Client.GetAsync($"{Sessions}/{id}/documents/{document["id"]}/front");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", image.Headers.CacheControl?.ToString());
        Assert.Equal("attachment; filename=document-front.jpg", image.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("sandbox", image.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(front, await image.Content.ReadAsByteArrayAsync());
        var selfieImage = await caller.Client.GetAsync($"{Sessions}/{id}/selfie");
        Assert.Equal("image/png", selfieImage.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=selfie.png", selfieImage.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(selfie, await selfieImage.Content.ReadAsByteArrayAsync());

        await (await caller.Client.GetAsync($"{Sessions}/{id}/documents/{document["id"]}/back")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.GetAsync($"{Sessions}/{id}/documents/doc_nope/front")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        var stranger = await Api.NewCallerAsync();
        await (await stranger.Client.GetAsync($"{Sessions}/{id}/selfie")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");

        // At rest: nothing stored holds the image's bytes in clear.
        var key = await StorageKeyAsync(id, front: true);
        var stored = await Api.Services.GetRequiredService<Verilock.Infrastructure.Media.IMediaBackend>().GetAsync(key, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.True(stored.Length > front.Length);
        Assert.Equal(-1, stored.AsSpan().IndexOf(front.AsSpan(1000, 64)));
    }

    [Fact]
    public async Task Bad_files_get_the_spec_errors_and_store_nothing()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, DocumentSteps);
        var storedBefore = await StoredFilesAsync();

        var notImage = await caller.Client.PostDocumentAsync(id, File("front", "GIF89a not accepted"u8.ToArray(), "x.jpg"), Field("type", "passport"));
        await notImage.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var empty = await (await caller.Client.PostDocumentAsync(id, File("front", []), Field("type", "passport")))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["front"], empty!.Keys());
        var tooLarge = await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg(1, 10 * 1024 * 1024 + 1)), Field("type", "passport")))
            .ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Equal("""{"max_bytes":10485760}""", tooLarge!.ToJsonString());
        var pdfSelfie = await caller.Client.PostSelfieAsync(id, Pdf(1));
        await pdfSelfie.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var json = await caller.Client.PostJsonAsync($"{Sessions}/{id}/documents", """{"type":"passport"}""");
        await json.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"front\"; filename=\"a.jpg\"\r\n\r\nabc", System.Text.Encoding.ASCII);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await (await caller.Client.PostAsync($"{Sessions}/{id}/documents", broken)).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");

        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(session["documents"]!.AsArray());
        Assert.Equal(storedBefore, await StoredFilesAsync());
    }

    [Fact]
    public async Task Field_rules_give_per_field_422s()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"profile":{"steps":["document"],"document_types":["passport","id_card"]}}""");

        async Task<string[]> ErrorsAsync(params (string, object, string?)[] parts) =>
            (await (await caller.Client.PostDocumentAsync(id, parts)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error"))!.Keys();

        Assert.Equal(["type", "front"], await ErrorsAsync(Field("note", "x")));
        Assert.Equal(["back"], await ErrorsAsync(File("front", Jpeg()), Field("type", "id_card")));
        Assert.Equal(["type"], await ErrorsAsync(File("front", Jpeg()), Field("type", "visa")));
        Assert.Equal(["type"], await ErrorsAsync(File("front", Jpeg()), Field("type", "driving_license")));
        Assert.Equal(["side"], await ErrorsAsync(File("file", Jpeg())));
        Assert.Equal(["side"], await ErrorsAsync(File("file", Jpeg()), Field("side", "middle")));
        Assert.Equal(["file"], await ErrorsAsync(Field("side", "front")));
        var details = await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg()), Field("type", "driving_license")))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal("This session accepts only: passport, id_card.", (string?)details!["type"]![0]);
    }

    [Fact]
    public async Task Uploads_need_the_step_a_created_session_and_the_callers_own_session()
    {
        var caller = await Api.NewCallerAsync();
        var amlOnly = await CreateAsync(caller.Client, """{"steps":["aml"],"applicant":{"first_name":"Jean","last_name":"Dupont"}}""");
        await (await caller.Client.PostDocumentAsync(amlOnly, File("front", Jpeg()), Field("type", "passport"))).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        await (await caller.Client.PostSelfieAsync(amlOnly, Jpeg())).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        var expiring = await CreateAsync(caller.Client, """{"steps":["document"],"expires_in":300}""");
        Api.Clock.Advance(TimeSpan.FromSeconds(301));
        await (await caller.Client.PostDocumentAsync(expiring, File("front", Jpeg()), Field("type", "passport"))).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        var stranger = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client);
        await (await stranger.Client.PostDocumentAsync(id, File("front", Jpeg()), Field("type", "passport"))).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Idempotent_uploads_replay_with_another_multipart_boundary_and_refuse_other_files()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, DocumentSteps);
        async Task<HttpResponseMessage> PostAsync(byte[] image)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{Sessions}/{id}/selfie") { Content = Form(File("image", image, "me.jpg")) };
            request.Headers.Add("Idempotency-Key", "selfie-1");
            return await caller.Client.SendAsync(request);
        }

        var first = await (await PostAsync(Jpeg(5))).ExpectAsync(HttpStatusCode.OK);
        var replay = await PostAsync(Jpeg(5));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.ToJsonString(), (await replay.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        await (await PostAsync(Jpeg(6))).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    private Task<string> StorageKeyAsync(string sessionId, bool front) => Api.WithDbAsync(async db =>
    {
        var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
        return (front ? session.Document!.Front : session.Document!.Back)!.StorageKey;
    });

    /// <summary>Media files in whichever store the fixture uses (disk on SQLite, the database on PostgreSQL).</summary>
    private async Task<int> StoredFilesAsync()
    {
        var root = Path.Combine(Api.Database.DataDirectory, "media");
        var onDisk = Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
        return onDisk + await Api.WithDbAsync(db => db.MediaBlobs.CountAsync());
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

public sealed class UploadTestsOnSqlite(SqliteApiFixture api) : UploadTests(api), IClassFixture<SqliteApiFixture>;

public sealed class UploadTestsOnPostgres(PostgresApiFixture api) : UploadTests(api), IClassFixture<PostgresApiFixture>;
