using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CsCheck;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>
/// Property-based fuzzing of the JSON and multipart readers (issue 16, item 9): thousands of generated
/// bodies against every endpoint that reads one, and not one may be a server error. Each answer is
/// either a success or the spec's error body (<c>error</c>, <c>message</c>, <c>details</c>) as JSON.
/// CsCheck draws a new seed each run and prints the seed and the shrunk body of any failure.
/// </summary>
public abstract class FuzzedRequestTests(ApiFixture api) : ApiTests(api)
{
    /// <summary>Samples per endpoint; PostgreSQL runs fewer (the readers are the same code). <c>VERILOCK_FUZZ_ITERATIONS</c> sets a longer campaign.</summary>
    protected abstract int DefaultIterations { get; }

    private int Iterations => int.TryParse(Environment.GetEnvironmentVariable("VERILOCK_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : DefaultIterations;

    /// <summary>How many answers of each status the campaign saw, per endpoint (written to the test output).</summary>
    private readonly SortedDictionary<string, int> _statuses = [];

    [Fact]
    public async Task No_json_body_is_a_server_error()
    {
        var caller = await Api.NewCallerAsync();
        var session = await CreateAsync(caller.Client);
        var screening = (string)(await (await caller.Client.PostJsonAsync("/api/v1/aml/screen", """{"name":"Jane Doe"}"""))
            .ExpectAsync(HttpStatusCode.Created))["id"]!;
        var endpoint = (string)(await (await caller.Client.PostJsonAsync("/api/v1/webhooks/endpoints",
            """{"url":"https://hooks.example.com/kyc","events":["session.completed"]}""")).ExpectAsync(HttpStatusCode.Created))["id"]!;
        var profile = (string)(await (await caller.Client.PostJsonAsync("/api/v1/profiles",
            """{"name":"Fuzzed","steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created))["id"]!;
        var flows = await FlowTokensAsync(caller.Client, TokensFor(Iterations));

        var targets = new (HttpMethod Method, Func<int, string> Url, HttpClient Client, string Template)[]
        {
            (HttpMethod.Post, _ => Sessions, caller.Client,
                """{"steps":["document","selfie","aml"],"applicant":{"first_name":"Ann","last_name":"Lee","email":"ann@example.com","date_of_birth":"1990-01-01","nationality":"GB"},"reference_id":"r-1","metadata":{"k":"v"},"redirect_url":"https://example.com/done","webhook_url":"https://example.com/hook","expires_in":3600,"monitoring_frequency":"daily"}"""),
            (HttpMethod.Post, _ => "/api/v1/aml/screen", caller.Client,
                """{"name":"John Smith","date_of_birth":"1970-01-01","nationality":"US","lists":["un"],"threshold":0.8,"monitoring":true,"monitoring_frequency":"weekly"}"""),
            (HttpMethod.Post, _ => $"{Sessions}/{session}/decision", caller.Client, """{"decision":"approved","reason":"checked"}"""),
            (HttpMethod.Post, _ => $"/api/v1/aml/screen/{screening}/decision", caller.Client, """{"decision":"false_positive","reason":"other person"}"""),
            (HttpMethod.Post, _ => "/api/v1/webhooks/endpoints", caller.Client,
                """{"url":"https://hooks.example.com/a","events":["session.completed","aml.*"],"description":"main"}"""),
            (HttpMethod.Patch, _ => $"/api/v1/webhooks/endpoints/{endpoint}", caller.Client, """{"enabled":false,"events":["*"],"url":"https://hooks.example.com/b"}"""),
            (HttpMethod.Post, _ => "/api/v1/profiles", caller.Client,
                """{"name":"Standard","steps":["document","selfie","liveness","aml"],"liveness_mode":"active","liveness_threshold":80,"liveness_challenges":["smile"],"document_types":["passport"],"aml_threshold":0.9,"face_duplicate_check":true}"""),
            (HttpMethod.Patch, _ => $"/api/v1/profiles/{profile}", caller.Client, """{"name":"Strict","steps":["document","selfie","face_match"],"aml_threshold":null,"liveness_threshold":90}"""),
            (HttpMethod.Post, i => $"{flows[i % flows.Length]}/consent", Api.Anonymous, """{"accepted":true}"""),
        };

        foreach (var target in targets)
        {
            var sent = 0;
            await HostileBodies.Json(target.Template).SampleAsync(async body =>
            {
                var request = new HttpRequestMessage(target.Method, target.Url(sent++)) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                await AssertNoServerErrorAsync(target.Client, request);
            }, iter: Iterations, threads: 1);
        }
        WriteTally();
    }

    [Fact]
    public async Task No_multipart_body_is_a_server_error()
    {
        var caller = await Api.NewCallerAsync();
        var sessions = new List<string>();
        for (var i = 0; i < 4; i++)
            sessions.Add(await CreateAsync(caller.Client, """{"steps":["document","selfie"]}"""));
        // Three flow endpoints share the tokens; each has given consent, so uploads reach the reader.
        var flows = await FlowTokensAsync(caller.Client, TokensFor(3 * Iterations / 2),
            """{"profile":{"steps":["document","selfie","liveness"],"liveness_mode":"active","liveness_challenges":["head_right","head_left"]}}""");
        foreach (var flow in flows)
            Assert.Equal(HttpStatusCode.NoContent, (await Api.Anonymous.PostJsonAsync($"{flow}/consent", """{"accepted":true}""")).StatusCode);

        var targets = new (Func<int, string> Url, HttpClient Client)[]
        {
            (i => $"{Sessions}/{sessions[i % sessions.Count]}/documents", caller.Client),
            (i => $"{Sessions}/{sessions[i % sessions.Count]}/selfie", caller.Client),
            (i => $"{flows[i % flows.Length]}/documents", Api.Anonymous),
            (i => $"{flows[i % flows.Length]}/selfie", Api.Anonymous),
            (i => $"{flows[i % flows.Length]}/liveness", Api.Anonymous),
        };

        foreach (var target in targets)
        {
            var sent = 0;
            await HostileBodies.Form.SampleAsync(async form =>
            {
                var content = new ByteArrayContent(form.Body);
                content.Headers.TryAddWithoutValidation("Content-Type", form.ContentType);
                var request = new HttpRequestMessage(HttpMethod.Post, target.Url(sent++)) { Content = content };
                await AssertNoServerErrorAsync(target.Client, request);
            }, iter: Iterations / 2, threads: 1);
        }
        WriteTally();
    }

    private void WriteTally()
    {
        foreach (var (key, count) in _statuses)
            TestContext.Current.TestOutputHelper?.WriteLine($"{key}: {count}");
    }

    /// <summary>Enough tokens that <paramref name="requests"/> spread over them stay under the flow's 60 a minute per token.</summary>
    private static int TokensFor(int requests) => requests / 45 + 1;

    /// <summary>The hosted flow's API base of <paramref name="count"/> new sessions (its 60-a-minute limit is per token).</summary>
    private static async Task<string[]> FlowTokensAsync(HttpClient client, int count, string json = """{"steps":["document","selfie"]}""")
    {
        var bases = new string[count];
        for (var i = 0; i < count; i++)
        {
            var created = await (await client.PostJsonAsync(Sessions, json)).ExpectAsync(HttpStatusCode.Created);
            bases[i] = $"/verify/{(string)created["session_token"]!}/api";
        }
        return bases;
    }

    private async Task AssertNoServerErrorAsync(HttpClient client, HttpRequestMessage request)
    {
        var target = $"{request.Method} {request.RequestUri}";
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var route = System.Text.RegularExpressions.Regex.Replace(request.RequestUri!.OriginalString, "(ses|aml|whe|wh|tok)_[A-Za-z0-9_-]+", "{id}");
        var key = $"{request.Method} {route} {(int)response.StatusCode}";
        _statuses[key] = _statuses.GetValueOrDefault(key) + 1;
        Assert.True((int)response.StatusCode < 500, $"{target} answered {(int)response.StatusCode}: {text}");
        if ((int)response.StatusCode < 400)
            return;
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
            $"{target} answered {(int)response.StatusCode} as {response.Content.Headers.ContentType}: {text}");
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["error", "message", "details"], error.Select(p => p.Key).ToArray());
        Assert.False(string.IsNullOrWhiteSpace((string?)error["error"]), text);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]), text);
    }
}

public sealed class FuzzedRequestTestsOnSqlite(SqliteApiFixture api) : FuzzedRequestTests(api), IClassFixture<SqliteApiFixture>
{
    protected override int DefaultIterations => 400;
}

public sealed class FuzzedRequestTestsOnPostgres(PostgresApiFixture api) : FuzzedRequestTests(api), IClassFixture<PostgresApiFixture>
{
    protected override int DefaultIterations => 120;
}
