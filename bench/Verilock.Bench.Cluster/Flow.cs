using System.Globalization;
using System.Net;
using System.Text.Json;

/// <summary>One applicant's sandbox session through the balancer, and the checks that nothing was lost or doubled.</summary>
static class Flow
{
    private static readonly string[] Steps = ["document", "selfie", "face_match"];

    /// <summary>Create, upload both images, submit; every step under its own Idempotency-Key. Returns the session id.</summary>
    public static async Task<string> RunAsync(Api api, string reference, bool review, byte[] photo)
    {
        // The sandbox decides by last name: REVIEW leaves the face match pending for an operator.
        var body = JsonSerializer.Serialize(new
        {
            steps = Steps,
            applicant = new { first_name = "Ada", last_name = review ? "REVIEW" : "Lovelace" },
            reference_id = reference,
        });
        var created = await api.PostJsonAsync("/api/v1/sessions", body, reference + "/create", HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await api.PostFormAsync($"/api/v1/sessions/{id}/documents", () => Api.File("front", photo, ("type", "passport")),
            reference + "/document", HttpStatusCode.OK);
        await api.PostFormAsync($"/api/v1/sessions/{id}/selfie", () => Api.File("image", photo), reference + "/selfie", HttpStatusCode.OK);
        await api.PostAsync($"/api/v1/sessions/{id}/submit", reference + "/submit", HttpStatusCode.Accepted);
        return id;
    }

    /// <summary>Polls until every session is approved or declined, deciding those in review as an operator would.</summary>
    public static async Task<int> AwaitDecisionsAsync(Api api, IReadOnlyList<string> ids, TimeSpan timeout)
    {
        var pending = new HashSet<string>(ids);
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in pending.ToList())
            {
                var session = await api.GetAsync($"/api/v1/sessions/{id}");
                var status = session.GetProperty("status").GetString();
                if (status is "approved" or "declined")
                    pending.Remove(id);
                else if (session.GetProperty("decision").ValueKind == JsonValueKind.String && session.GetProperty("decision").GetString() == "review")
                    await api.PostJsonAsync($"/api/v1/sessions/{id}/decision", """{"decision":"approved","reason":"checked by hand"}""",
                        id + "/decision", HttpStatusCode.OK);
            }
            if (pending.Count > 0)
                await Task.Delay(500);
        }
        return ids.Count - pending.Count;
    }

    /// <summary>Waits for the deliveries to drain; returns how many are still pending or failed.</summary>
    public static async Task<long> AwaitDeliveriesAsync(Api api, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pending = await TotalAsync(api, "/api/v1/webhooks/deliveries?status=pending&per_page=1");
            var failed = await TotalAsync(api, "/api/v1/webhooks/deliveries?status=failed&per_page=1");
            if (pending == 0 || DateTime.UtcNow > deadline)
                return pending + failed;
            await Task.Delay(1000);
        }
    }

    /// <summary>How many references have more than one session: a create that ran twice.</summary>
    public static async Task<int> DuplicatedReferencesAsync(Api api, string run, int count)
    {
        var duplicated = 0;
        for (var i = 0; i < count; i++)
        {
            var reference = string.Create(CultureInfo.InvariantCulture, $"clu-{run}-{i}");
            if (await TotalAsync(api, $"/api/v1/sessions?reference_id={reference}&per_page=2") > 1)
                duplicated++;
        }
        return duplicated;
    }

    private static async Task<long> TotalAsync(Api api, string path) =>
        (await api.GetAsync(path)).GetProperty("meta").GetProperty("total").GetInt64();
}
