using System.Text.Json.Nodes;
using Verilock.Domain.Common;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Cli;

/// <summary>
/// A sample envelope for every event of spec §12.5, with the fields the spec lists for it and plausible test-mode
/// values, so integrators can exercise a receiver (parsing, signature check, dedupe on <c>webhook_id</c>) without
/// running a session. Ids are fresh each time, in the real formats.
/// </summary>
public static class WebhookSamples
{
    public static JsonObject Envelope(string eventName, DateTime now)
    {
        var data = Data(eventName, now) ?? throw new ArgumentException($"No sample for '{eventName}'.", nameof(eventName));
        return new JsonObject
        {
            ["event"] = eventName,
            ["data"] = data,
            ["timestamp"] = Instant(now),
            ["webhook_id"] = Ids.NewWebhookId(),
        };
    }

    private static JsonObject? Data(string eventName, DateTime now) => eventName switch
    {
        "session.created" => Session("created", null, null, null)
            .With("steps", new JsonArray("document", "selfie", "face_match"))
            .With("expires_at", Instant(now.AddDays(7)))
            .With("created_at", Instant(now)),
        "session.processing" => Session("processing", null, null, null).With("submitted_at", Instant(now)),
        "session.review_required" => Session("processing", "review", 62, "high").With("review_reasons", new JsonArray("aml_potential_match")),
        "session.completed" or "session.approved" => Completed("approved", 12, "low", now),
        "session.declined" => Completed("declined", 81, "critical", now),
        "session.expired" => Session("expired", null, null, null).With("expires_at", Instant(now)),
        "liveness.failed" => Session("declined", "declined", 74, "high").With("liveness_score", 0.12).With("liveness_mode", "passive"),
        "aml.completed" => Screening("clear", "low", 0, 0, monitoring: false),
        "aml.match_found" => Screening("potential_match", "high", 0.95, 1, monitoring: false).With("matches", Matches()),
        "aml.monitoring.match" => Screening("potential_match", "high", 0.95, 1, monitoring: true)
            .With("screened_name", "John Smith")
            .With("parent_screening_id", "aml_" + Guid.NewGuid().ToString("D"))
            .With("matches", Matches()),
        "biometric.completed" => new JsonObject
        {
            ["biometric_id"] = "bio_" + Guid.NewGuid().ToString("D"),
            ["session_id"] = "ses_" + Guid.NewGuid().ToString("D"),
            ["result"] = "match",
            ["similarity"] = 94.32,
            ["liveness_score"] = 87.5,
            ["liveness_passed"] = true,
            ["threshold_used"] = 80.0,
            ["error"] = null,
            ["livemode"] = false,
        },
        "face.duplicate_found" => new JsonObject
        {
            ["face_search_id"] = "fs_" + Guid.NewGuid().ToString("D"),
            ["session_id"] = "ses_" + Guid.NewGuid().ToString("D"),
            ["highest_similarity"] = 97.82,
            ["threshold_used"] = 90.0,
            ["matched_session_ids"] = new JsonArray("ses_" + Guid.NewGuid().ToString("D")),
            ["livemode"] = false,
        },
        "rule.triggered" => new JsonObject
        {
            ["rule_id"] = "rule_" + Guid.NewGuid().ToString("D"),
            ["name"] = "Decline expired documents",
            ["session_id"] = "ses_" + Guid.NewGuid().ToString("D"),
            ["action"] = "decline",
            ["livemode"] = false,
        },
        "transaction.flagged" => Transaction(45, "medium", "review", new JsonArray("cross_border_transfer", "amount_above_threshold")),
        "transaction.blocked" => Transaction(85, "critical", "block", new JsonArray("cross_border_transfer", "sanctioned_country", "amount_above_threshold")),
        Infrastructure.Webhooks.WebhookQueue.EndpointDisabledEvent => new JsonObject
        {
            ["endpoint_id"] = "whe_" + Guid.NewGuid().ToString("D"),
            ["url"] = "https://hooks.example.com/verilock",
            ["failing_since"] = Instant(now.AddDays(-3)),
            ["disabled_at"] = Instant(now),
        },
        _ => null,
    };

    /// <summary>The events there is a sample for: all of them (a test holds this to <see cref="WebhookEvents.Names"/>).</summary>
    public static bool Has(string eventName) => Data(eventName, DateTime.UnixEpoch) is not null;

    private static JsonObject Session(string status, string? decision, int? riskScore, string? riskLevel) => new()
    {
        ["session_id"] = "ses_" + Guid.NewGuid().ToString("D"),
        ["status"] = status,
        ["decision"] = decision,
        ["risk_score"] = riskScore,
        ["risk_level"] = riskLevel,
        ["reference_id"] = "usr_1",
        ["external_id"] = "usr_1",
        ["livemode"] = false,
    };

    private static JsonObject Completed(string outcome, int riskScore, string riskLevel, DateTime now) =>
        Session(outcome, outcome, riskScore, riskLevel).With("completed_at", Instant(now)).With("decided_by", "system");

    private static JsonObject Screening(string status, string riskLevel, double highestScore, int matchesFound, bool monitoring) => new()
    {
        ["screening_id"] = "aml_" + Guid.NewGuid().ToString("D"),
        ["session_id"] = null,
        ["reference_id"] = "usr_1",
        ["status"] = status,
        ["risk_level"] = riskLevel,
        ["highest_score"] = highestScore,
        ["matches_found"] = matchesFound,
        ["is_monitoring_run"] = monitoring,
        ["livemode"] = false,
    };

    private static JsonObject Transaction(int riskScore, string riskLevel, string recommendation, JsonArray flags) => new()
    {
        ["transaction_id"] = "txn_" + Guid.NewGuid().ToString("D"),
        ["reference_id"] = "txn_001",
        ["risk_score"] = riskScore,
        ["risk_level"] = riskLevel,
        ["recommendation"] = recommendation,
        ["flags"] = flags,
        ["livemode"] = false,
    };

    private static JsonArray Matches() =>
    [
        new JsonObject
        {
            ["entity_id"] = "un-6908555",
            ["list"] = "un",
            ["name"] = "SMITH, John",
            ["matched_name"] = "John Smith",
            ["score"] = 0.95,
        },
    ];

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject With(this JsonObject data, string name, JsonNode? value)
    {
        data[name] = value;
        return data;
    }
}
