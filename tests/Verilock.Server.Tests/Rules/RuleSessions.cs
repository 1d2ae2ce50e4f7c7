using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Rules;

/// <summary>Rules and submitted test-mode sessions for the rule tests.</summary>
internal static class RuleSessions
{
    public const string Rules = "/api/v1/orchestration/rules";
    public const string FaceSteps = "\"steps\":[\"document\",\"selfie\",\"face_match\"]";

    public static async Task<string> RuleAsync(HttpClient client, string conditions, string action, int priority = 10, bool allowOverride = false)
    {
        var body = await (await client.PostJsonAsync(Rules, $$"""
            {"name":"Rule {{priority}}","priority":{{priority}},"conditions":{{conditions}},"action":{{action}},"allow_override_decline":{{(allowOverride ? "true" : "false")}}}
            """)).ExpectAsync(HttpStatusCode.Created);
        return (string)body["id"]!;
    }

    public static async Task<string> SubmittedAsync(HttpClient client, string lastName, string steps = FaceSteps)
    {
        var id = (string)(await (await client.PostJsonAsync("/api/v1/sessions",
            $$$"""{{{{steps}}},"applicant":{"first_name":"Jean","last_name":"{{{lastName}}}","date_of_birth":"1990-05-15","nationality":"FR"},"metadata":{"channel":"web"}}""")).ExpectAsync(HttpStatusCode.Created))["id"]!;
        await (await client.PostDocumentAsync(id, [File("front", Jpeg()), Field("type", "passport")])).ExpectAsync(HttpStatusCode.OK);
        if (steps.Contains("selfie"))
            await (await client.PostSelfieAsync(id, Jpeg(2))).ExpectAsync(HttpStatusCode.OK);
        await (await client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        return id;
    }

    public static async Task<JsonNode> SessionAsync(HttpClient client, string id) =>
        await (await client.GetAsync($"/api/v1/sessions/{id}")).ExpectAsync(HttpStatusCode.OK);
}
