using System.Net;
using System.Reflection;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>
/// A client NSwag generates from the document compiles and works against the real server: create, list, get, and an
/// error surfacing as the generated exception with its status and the spec's body. Every answer it gets also passes
/// the contract check (<see cref="ContractCheckingHandler"/>).
/// </summary>
public sealed class GeneratedClientTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_generated_client_creates_lists_and_gets_sessions_and_reads_errors()
    {
        var generated = await GeneratedClient.LoadAsync();
        var caller = await Api.NewCallerAsync();
        using var http = new HttpClient(Api.CreateHandler()) { BaseAddress = new Uri("http://localhost/") };
        http.DefaultRequestHeaders.Add("X-API-Key", caller.Key);
        var client = generated.NewClient(http);

        var request = Activator.CreateInstance(generated.Type("CreateSessionRequest"))!;
        Set(request, "Steps", new List<string> { "document", "selfie" });
        Set(request, "Reference_id", "usr_nswag");
        var created = (await GeneratedClient.CallAsync(client, "CreateSessionAsync", ("body", request)))!;
        var id = (string)GeneratedClient.Get(created, "Id")!;
        Assert.StartsWith("ses_", id, StringComparison.Ordinal);
        Assert.Equal("created", GeneratedClient.Get(created, "Status"));
        Assert.Equal("usr_nswag", GeneratedClient.Get(created, "Reference_id"));

        var page = (await GeneratedClient.CallAsync(client, "ListSessionsAsync", ("status", "created"), ("per_page", 10)))!;
        var items = ((System.Collections.IEnumerable)GeneratedClient.Get(page, "Data")!).Cast<object>().ToList();
        Assert.Equal(id, GeneratedClient.Get(Assert.Single(items), "Id"));
        Assert.Equal(1L, Convert.ToInt64(GeneratedClient.Get(GeneratedClient.Get(page, "Meta")!, "Total"), System.Globalization.CultureInfo.InvariantCulture));

        var got = (await GeneratedClient.CallAsync(client, "GetSessionAsync", ("id", id)))!;
        Assert.Equal(id, GeneratedClient.Get(got, "Id"));
        Assert.Equal(new List<string> { "document", "selfie" }, ((IEnumerable<string>)GeneratedClient.Get(got, "Steps")!).ToList());

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => GeneratedClient.CallAsync(client, "GetSessionAsync", ("id", "ses_doesnotexist")));
        var error = missing is TargetInvocationException { InnerException: { } inner } ? inner : missing;
        Assert.Equal("ApiException`1", error.GetType().Name);
        Assert.Equal((int)HttpStatusCode.NotFound, GeneratedClient.Get(error, "StatusCode"));
        Assert.Equal("not_found", GeneratedClient.Get(GeneratedClient.Get(error, "Result")!, "Error"));

        var invalid = Activator.CreateInstance(generated.Type("CreateSessionRequest"))!;
        Set(invalid, "Steps", new List<string> { "palm_reading" });
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => GeneratedClient.CallAsync(client, "CreateSessionAsync", ("body", invalid)));
        Assert.Equal((int)HttpStatusCode.UnprocessableEntity, GeneratedClient.Get(refused, "StatusCode"));
    }

    private static void Set(object target, string property, object? value) => target.GetType().GetProperty(property)!.SetValue(target, value);
}
