using Microsoft.Extensions.DependencyInjection;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary><c>AddVerilockClient</c>: a typed client over an <c>IHttpClientFactory</c> client, against the real server.</summary>
public sealed class DependencyInjectionTests(ServerFixture server)
{
    [Fact]
    public async Task A_registered_client_works_and_leaves_the_factorys_handler_alive()
    {
        var key = await server.NewKeyAsync();
        var services = new ServiceCollection();
        services.AddVerilockClient(options =>
            {
                options.ApiKey = key;
                options.BaseAddress = ServerFixture.Origin;
            })
            .ConfigurePrimaryHttpMessageHandler(server.CreateHandler);
        await using var provider = services.BuildServiceProvider();

        string id;
        using (var scope = provider.CreateScope())
        {
            var client = scope.ServiceProvider.GetRequiredService<VerilockClient>();
            id = (await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"] })).Id;
        }
        // The scope disposed the first client; the factory's pooled handler must still serve the next one.
        using (var scope = provider.CreateScope())
        {
            var client = scope.ServiceProvider.GetRequiredService<VerilockClient>();
            Assert.Equal(id, (await client.Sessions.GetAsync(id)).Id);
        }
    }
}
