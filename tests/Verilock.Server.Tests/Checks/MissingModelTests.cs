using System.Net;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>A server whose models folder lacks the face models: it runs, says why it is not ready, and no check job crashes it.</summary>
public sealed class MissingModelTests(MissingModelTests.Fixture api) : ApiTests(api), IClassFixture<MissingModelTests.Fixture>
{
    public sealed class Fixture() : ApiFixture(new SqliteTestDatabase())
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Verilock:Checks:ModelsDirectory"] = Directory.CreateTempSubdirectory("verilock-no-models").FullName,
        };
    }

    [Fact]
    public async Task Readiness_fails_on_models_and_live_face_checks_wait_for_them()
    {
        var failed = await (await Api.Anonymous.GetAsync("/readyz")).ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "server_error");
        Assert.Equal("""{"database":"ok","models":"fail","aml_lists":"ok"}""", failed!["checks"]!.ToJsonString());

        var caller = await Api.NewCallerAsync(live: true);
        var id = await CreateAsync(caller.Client, """{"steps":["selfie"]}""");
        await (await caller.Client.PostSelfieAsync(id, Jpeg())).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Null(session["decision"]?.GetValue<string>());
    }
}
