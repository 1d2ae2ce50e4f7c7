using System.Net;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Faults;

/// <summary>
/// The fault campaign's storage failure (issue 16, item 9): when the media folder cannot be written, an upload
/// is a clean 500 in the spec's shape, the session gains no document or selfie that points at a missing file,
/// nothing partial is left in the folder, and uploads work again once the folder does. The failure is real:
/// the folder's path is taken by a plain file, so every create fails with ENOTDIR even for root (a read-only
/// mode would not stop root, which CI runs as).
/// </summary>
public sealed class MediaStoreFailureTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    private string MediaFolder => Path.Combine(Api.Database.DataDirectory, "media");

    [Fact]
    public async Task An_unwritable_media_folder_fails_the_upload_cleanly_and_leaves_no_dangling_row()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie"]}""");
        var kept = Jpeg(7, 4096);
        await (await caller.Client.PostSelfieAsync(id, kept)).ExpectAsync(HttpStatusCode.OK);

        var aside = MediaFolder + ".aside";
        Directory.Move(MediaFolder, aside);
        await System.IO.File.WriteAllTextAsync(MediaFolder, "not a folder");
        try
        {
            var document = await caller.Client.PostDocumentAsync(id, File("front", Jpeg(8)), Field("type", "passport"));
            await document.ExpectErrorAsync(HttpStatusCode.InternalServerError, "server_error");
            var selfie = await caller.Client.PostSelfieAsync(id, Jpeg(9));
            await selfie.ExpectErrorAsync(HttpStatusCode.InternalServerError, "server_error");
        }
        finally
        {
            System.IO.File.Delete(MediaFolder);
            Directory.Move(aside, MediaFolder);
        }

        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(session["documents"]!.AsArray());
        // The failed replacement left the earlier selfie in place, bytes and all.
        var selfieBytes = await caller.Client.GetAsync($"{Sessions}/{id}/selfie");
        Assert.Equal(HttpStatusCode.OK, selfieBytes.StatusCode);
        Assert.Equal(kept, await selfieBytes.Content.ReadAsByteArrayAsync());
        Assert.Empty(Directory.EnumerateFiles(MediaFolder, "*.tmp", SearchOption.AllDirectories));

        await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg(10)), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
    }
}
