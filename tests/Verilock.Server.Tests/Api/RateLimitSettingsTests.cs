using System.Net;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

public sealed class DefaultRateLimitTests(DefaultLimitApiFixture api) : ApiTests(api), IClassFixture<DefaultLimitApiFixture>
{
    [Fact]
    public async Task Keys_get_120_requests_per_minute_by_default_and_a_per_key_limit_overrides_it()
    {
        var caller = await Api.NewCallerAsync();
        var response = await caller.Client.GetAsync(Sessions);
        Assert.Equal("120", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("119", response.Headers.GetValues("X-RateLimit-Remaining").Single());

        var custom = await Api.NewCallerAsync(rateLimitPerMinute: 1000);
        Assert.Equal("1000", (await custom.Client.GetAsync(Sessions)).Headers.GetValues("X-RateLimit-Limit").Single());
    }
}

public sealed class DisabledRateLimitTests(UnlimitedApiFixture api) : ApiTests(api), IClassFixture<UnlimitedApiFixture>
{
    [Fact]
    public async Task Zero_disables_rate_limiting_even_for_keys_with_their_own_limit()
    {
        var caller = await Api.NewCallerAsync(rateLimitPerMinute: 2);
        for (var i = 0; i < 5; i++)
        {
            var response = await caller.Client.GetAsync(Sessions);
            await response.ExpectAsync(HttpStatusCode.OK);
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }
    }
}
