namespace Verilock.Server.Tests.Support;

/// <summary>
/// Base of the HTTP test classes. Each has one concrete subclass per database, so every HTTP test runs
/// against SQLite and PostgreSQL.
/// </summary>
public abstract class ApiTests
{
    protected ApiTests(ApiFixture api)
    {
        Api = api;
        api.SkipIfUnavailable();
    }

    protected ApiFixture Api { get; }

    protected const string Sessions = "/api/v1/sessions";

    /// <summary>Creates a minimal session and returns its id.</summary>
    protected static async Task<string> CreateAsync(HttpClient client, string json = """{"steps":["document"]}""")
    {
        var body = await (await client.PostJsonAsync(Sessions, json)).ExpectAsync(System.Net.HttpStatusCode.Created);
        return (string)body["id"]!;
    }
}
