using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Api;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>Admission control: with every slot busy and the queue full, the API answers 503 at once, and recovers.</summary>
public sealed class AdmissionTests(SingleRequestApiFixture api) : ApiTests(api), IClassFixture<SingleRequestApiFixture>
{
    [Fact]
    public async Task A_request_beyond_the_slots_and_queue_gets_503_with_retry_after_and_health_is_not_gated()
    {
        var caller = await Api.NewCallerAsync();
        var body = new HeldBody();
        // This create takes the only slot and then waits for its body.
        var held = caller.Client.PostAsync(Sessions, body);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The client starts sending before the server admits the request: wait until it holds the slot.
        var admission = Api.Services.GetRequiredService<RequestAdmission>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (admission.Running < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "The held request was never admitted.");
            await Task.Delay(10);
        }

        var refused = await caller.Client.GetAsync(Sessions);
        await refused.ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "server_error");
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        await (await Api.Anonymous.GetAsync("/healthz")).ExpectAsync(HttpStatusCode.OK);

        body.Release();
        await (await held).ExpectAsync(HttpStatusCode.Created);
        await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>A JSON body that is sent only when released, so its request stays in the server meanwhile.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBody() => Headers.ContentType = new MediaTypeHeaderValue("application/json");

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{\"steps\":"u8.ToArray());
            await stream.FlushAsync();
            Started.TrySetResult();
            await _release.Task;
            await stream.WriteAsync("[\"document\"]}"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
