using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Checks.Samples;
using Verilock.Server.Faces;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Faces;

/// <summary>
/// <c>POST /face-search</c>, <c>GET /face-search/{id}</c> (spec §20): one person behind several sessions of an account is
/// found; other people, other accounts and the session itself are not; redaction takes a face out of every search.
/// </summary>
public abstract class FaceSearchTests(ApiFixture api) : ApiTests(api)
{
    private const string FaceSearch = "/api/v1/face-search";

    private async Task<string> ApprovedSelfieSessionAsync(ApiFixture.Caller caller, bool live, byte[] selfie, string lastName = "Eriksson")
    {
        var id = await CreateAsync(caller.Client, $$$"""{"steps":["selfie"],"applicant":{"first_name":"Anna","last_name":"{{{lastName}}}"}}""");
        await (await caller.Client.PostSelfieAsync(id, selfie)).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(live ? TimeSpan.Zero : TimeSpan.FromSeconds(3)));
        Assert.Equal("approved", (string?)(await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]);
        return id;
    }

    private static byte[] HolderAgain() => FaceAugmentations.CropAround(FacePhotos.Read(KnownFaces.Holder.Photo), KnownFaces.Holder.X,
        KnownFaces.Holder.Y, KnownFaces.Holder.Width, KnownFaces.Holder.Height, margin: 0.5f);

    private Task SyncAsync() => Api.Services.GetRequiredService<FaceIndexSync>().SyncOnceAsync(CancellationToken.None);

    private static async Task<JsonNode> SearchAsync(ApiFixture.Caller caller, string sessionId, string extra = "") =>
        await (await caller.Client.PostJsonAsync(FaceSearch, $$"""{"session_id":"{{sessionId}}"{{extra}}}""")).ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task The_same_face_in_another_session_of_the_account_is_found_and_redaction_takes_it_out()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var first = await ApprovedSelfieSessionAsync(caller, true, KnownFaces.Holder.Selfie());
        var second = await ApprovedSelfieSessionAsync(caller, true, HolderAgain());
        var stranger = await ApprovedSelfieSessionAsync(caller, true, KnownFaces.Stranger.Selfie());
        var otherAccount = await Api.NewCallerAsync(live: true);
        await ApprovedSelfieSessionAsync(otherAccount, true, KnownFaces.Holder.Selfie());
        await SyncAsync();

        var found = await SearchAsync(caller, second);
        Assert.Equal(["id", "session_id", "duplicate_found", "highest_similarity", "threshold_used", "matches", "created_at"], found.Keys());
        Assert.Matches("^fs_[0-9a-f-]{36}$", (string)found["id"]!);
        Assert.Equal(second, (string?)found["session_id"]);
        Assert.True((bool)found["duplicate_found"]!);
        Assert.Equal(90.0, (double)found["threshold_used"]!);
        var match = Assert.Single(found["matches"]!.AsArray())!;
        Assert.Equal(["face_id", "similarity", "session_id", "external_image_id"], match.Keys());
        Assert.Equal(first, (string?)match["session_id"]);
        Assert.Equal("session-" + first, (string?)match["external_image_id"]);
        var firstTemplate = await Api.WithDbAsync(db => db.FaceTemplates.Where(t => t.SessionId == first).Select(t => t.Id).SingleAsync());
        Assert.Equal(firstTemplate.ToString("D"), (string?)match["face_id"]);
        Assert.InRange((double)match["similarity"]!, 90, 100);
        Assert.Equal((double)match["similarity"]!, (double)found["highest_similarity"]!);
        Assert.Equal(found.ToJsonString(), (await (await caller.Client.GetAsync($"{FaceSearch}/{found["id"]}")).ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Contains("face.duplicate_found", await Api.EventTypesAsync(second));

        // At a lower threshold the stranger is still far below the holder's own faces.
        var low = await SearchAsync(caller, second, ""","threshold":50""");
        Assert.DoesNotContain(low["matches"]!.AsArray(), m => (string?)m!["session_id"] == stranger);

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{first}")).StatusCode);
        await SyncAsync();
        var after = await SearchAsync(caller, second);
        Assert.False((bool)after["duplicate_found"]!);
        Assert.Empty(after["matches"]!.AsArray());
        Assert.True((double)after["highest_similarity"]! < 90);
    }

    private async Task<JsonNode> CheckedWithDuplicateCheckAsync(ApiFixture.Caller caller, bool live, byte[] selfie, string lastName = "Eriksson")
    {
        var id = await CreateAsync(caller.Client,
            $$$"""{"profile":{"steps":["selfie"],"face_duplicate_check":true},"applicant":{"first_name":"Anna","last_name":"{{{lastName}}}"}}""");
        await (await caller.Client.PostSelfieAsync(id, selfie)).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(live ? TimeSpan.Zero : TimeSpan.FromSeconds(3)));
        return await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_profile_s_face_duplicate_check_sends_a_known_face_to_review_and_lets_a_new_one_through()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var earlier = await ApprovedSelfieSessionAsync(caller, true, KnownFaces.Holder.Selfie());
        await SyncAsync();

        var again = await CheckedWithDuplicateCheckAsync(caller, true, HolderAgain());
        Assert.Equal("processing", (string?)again["status"]);
        Assert.Equal("review", (string?)again["decision"]);
        Assert.Equal("""["face_duplicate"]""", again["review_reasons"]!.ToJsonString());
        var id = (string)again["id"]!;
        var recorded = await Api.WithDbAsync(db => db.FaceSearches.AsNoTracking().SingleAsync(s => s.SessionId == id));
        Assert.True(recorded.DuplicateFound);
        Assert.Equal(earlier, Assert.Single(recorded.Matches).SessionId);
        Assert.Equal(["session.created", "session.processing", "face.duplicate_found", "session.review_required"], await Api.EventTypesAsync(id));

        var stranger = await CheckedWithDuplicateCheckAsync(caller, true, KnownFaces.Stranger.Selfie());
        Assert.Equal("approved", (string?)stranger["status"]);
        Assert.Equal("[]", stranger["review_reasons"]!.ToJsonString());

        // Test keys: the sandbox's DUPLICATE applicant.
        var test = await Api.NewCallerAsync(live: false);
        await ApprovedSelfieSessionAsync(test, false, Uploads.Jpeg(1));
        Assert.Equal("""["face_duplicate"]""", (await CheckedWithDuplicateCheckAsync(test, false, Uploads.Jpeg(2), "Duplicate"))["review_reasons"]!.ToJsonString());
        Assert.Equal("approved", (string?)(await CheckedWithDuplicateCheckAsync(test, false, Uploads.Jpeg(3)))["status"]);
    }

    [Fact]
    public async Task A_starting_instance_loads_every_enrolled_template_and_nothing_removed()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var kept = await ApprovedSelfieSessionAsync(caller, true, KnownFaces.Holder.Selfie());
        var redacted = await ApprovedSelfieSessionAsync(caller, true, HolderAgain());
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{redacted}")).StatusCode);

        // Another instance starting on the same database: its own index, loaded from scratch.
        var models = Api.Services.GetRequiredService<Verilock.Server.Checks.CheckModels>();
        using var index = new FaceSearchIndex(models);
        using var sync = new FaceIndexSync(Api.Services.GetRequiredService<IServiceScopeFactory>(), index, models,
            Api.Services.GetRequiredService<Verilock.Infrastructure.Faces.FaceTemplateStore>(), Api.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FaceIndexSync>.Instance);
        Assert.False(index.IsLoaded);
        Assert.True(await sync.SyncOnceAsync(CancellationToken.None));
        Assert.True(index.IsLoaded);
        Assert.Equal(1, index.Index.CountIn(new Verilock.Checks.Faces.Search.FaceIndexPartition(caller.AccountId, true)));
        var probe = models.Faces.AnalyzeSelfie(HolderAgain(), withLiveness: false).Embedding!;
        var found = index.Search(caller.AccountId, true, "ses_" + Guid.NewGuid().ToString("D"), probe, 5);
        Assert.Equal(kept, Assert.Single(found).SessionId);
    }

    [Fact]
    public async Task Bad_requests_are_422s_naming_the_field_and_another_account_s_search_is_not_found()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var created = await CreateAsync(caller.Client, """{"steps":["selfie"]}""");

        async Task Refused(string body, string expected) =>
            Assert.Equal(expected, (await (await caller.Client.PostJsonAsync(FaceSearch, body))
                .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error"))!.ToJsonString());

        await Refused("{}", """{"session_id":["The session_id field is required."]}""");
        await Refused($$"""{"session_id":"{{created}}","threshold":101}""", """{"threshold":["The threshold must be between 50 and 100."]}""");
        await Refused($$"""{"session_id":"{{created}}","threshold":"high"}""", """{"threshold":["The threshold must be a number."]}""");
        await Refused("""{"session_id":"ses_00000000-0000-0000-0000-000000000000"}""", """{"session_id":["No such session."]}""");
        await Refused($$"""{"session_id":"{{created}}"}""",
            """{"session_id":["The session has no face template: it was not checked with a selfie, was declined, or was redacted."]}""");
        Assert.Equal(0, await Api.WithDbAsync(db => db.FaceSearches.CountAsync(s => s.AccountId == caller.AccountId)));

        var test = await Api.NewCallerAsync(live: false);
        var id = await ApprovedSelfieSessionAsync(test, false, Uploads.Jpeg(1));
        var search = await SearchAsync(test, id);
        await (await caller.Client.GetAsync($"{FaceSearch}/{search["id"]}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Test_keys_find_a_duplicate_for_the_DUPLICATE_applicant_only()
    {
        var caller = await Api.NewCallerAsync(live: false);
        var earlier = await ApprovedSelfieSessionAsync(caller, false, Uploads.Jpeg(1));
        var plain = await ApprovedSelfieSessionAsync(caller, false, Uploads.Jpeg(2));
        var duplicate = await ApprovedSelfieSessionAsync(caller, false, Uploads.Jpeg(3), lastName: "Duplicate");

        var none = await SearchAsync(caller, plain);
        Assert.False((bool)none["duplicate_found"]!);
        Assert.Null(none["highest_similarity"]);
        var found = await SearchAsync(caller, duplicate);
        Assert.True((bool)found["duplicate_found"]!);
        var match = Assert.Single(found["matches"]!.AsArray())!;
        Assert.Equal(plain, (string?)match["session_id"]);
        Assert.Equal(97.5, (double)match["similarity"]!);
        Assert.NotEqual(earlier, (string?)match["session_id"]);
    }
}

public sealed class FaceSearchTestsOnSqlite(SqliteApiFixture api) : FaceSearchTests(api), IClassFixture<SqliteApiFixture>;

public sealed class FaceSearchTestsOnPostgres(PostgresApiFixture api) : FaceSearchTests(api), IClassFixture<PostgresApiFixture>;
