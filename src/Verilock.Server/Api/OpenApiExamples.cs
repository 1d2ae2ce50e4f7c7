namespace Verilock.Server.Api;

/// <summary>
/// The examples of the OpenAPI document's main operations (<see cref="OpenApiDocumentation.DocumentExamples"/>): one
/// consistent story (Jean Dupont's session, a screening, a webhook endpoint, a blocked wire transfer, a rule). Each
/// must validate against the schema it illustrates (<c>OpenApiExampleTests</c>), so an example cannot drift from the wire.
/// </summary>
public static class OpenApiExamples
{
    public const string CreateSessionRequest = """
        {"steps":["document","selfie","face_match"],
         "applicant":{"first_name":"Jean","last_name":"Dupont","email":"jean.dupont@example.com","date_of_birth":"1985-04-12","nationality":"FR"},
         "reference_id":"usr_1","redirect_url":"https://shop.example.com/kyc/done","metadata":{"plan":"pro"}}
        """;

    public const string Session = """
        {"id":"ses_9f1c2a7e4b6d4c0f8a3e5b7d9c1f2a4e","type":"kyc","livemode":false,"status":"created","decision":null,"review_reasons":[],
         "risk_score":null,"risk_level":null,"reference_id":"usr_1","external_id":null,"profile_id":null,
         "steps":["document","selfie","face_match"],
         "applicant":{"first_name":"Jean","last_name":"Dupont","email":"jean.dupont@example.com","date_of_birth":"1985-04-12","nationality":"FR"},
         "metadata":{"plan":"pro"},"redirect_url":"https://shop.example.com/kyc/done","webhook_url":null,
         "monitoring_enabled":false,"monitoring_frequency":"daily","last_monitoring_at":null,"documents":[],"selfie":null,"results":{},
         "decided_by":null,"decision_reason":null,"decided_at":null,
         "hosted_url":"https://kyc.example.com/verify/vft_Zm9vYmFyYmF6cXV4","session_url":"https://kyc.example.com/verify/vft_Zm9vYmFyYmF6cXV4",
         "session_token":"vft_Zm9vYmFyYmF6cXV4","consent_given_at":null,"expires_at":"2026-03-22T10:30:00Z","created_at":"2026-03-15T10:30:00Z",
         "submitted_at":null,"completed_at":null,"redacted_at":null}
        """;

    public const string SessionList = """
        {"data":[{"id":"ses_9f1c2a7e4b6d4c0f8a3e5b7d9c1f2a4e","type":"kyc","status":"approved","reference_id":"usr_1",
                  "steps":["document","selfie","face_match"],"applicant":{"first_name":"Jean","last_name":"Dupont","email":"jean.dupont@example.com"},
                  "created_at":"2026-03-15T10:30:00Z","completed_at":"2026-03-15T10:34:12Z"}],
         "meta":{"current_page":1,"last_page":1,"per_page":15,"total":1}}
        """;

    public const string ScreenRequest = """
        {"first_name":"Jean","last_name":"Dupont","date_of_birth":"1985-04-12","nationality":"FR","reference_id":"usr_1"}
        """;

    public const string Screening = """
        {"id":"aml_3c5e7a9b1d2f4e6a8c0b2d4f6a8c0e2b","livemode":true,"status":"clear","risk_level":"low","reference_id":"usr_1","session_id":null,
         "query":{"full_name":"Jean Dupont","first_name":"Jean","last_name":"Dupont","date_of_birth":"1985-04-12","nationality":"FR"},
         "lists":["ofac_sdn","un_sc","eu_fsf"],"threshold":0.8,"highest_score":0,"matches_found":0,"matches":[],"decision":null,
         "monitoring_enabled":false,"monitoring_frequency":"daily","last_monitoring_at":null,"is_monitoring_run":false,"parent_screening_id":null,
         "screened_at":"2026-03-15T10:30:00Z","created_at":"2026-03-15T10:30:00Z"}
        """;

    public const string EndpointRequest = """
        {"url":"https://shop.example.com/webhooks/verilock","events":["session.completed","aml.match_found"],"description":"Production receiver"}
        """;

    public const string CreatedEndpoint = """
        {"id":"we_7b9d1f3a5c7e4b6d8f0a2c4e6b8d0f1a","livemode":true,"url":"https://shop.example.com/webhooks/verilock",
         "events":["session.completed","aml.match_found"],"description":"Production receiver","status":"active","disabled_reason":null,
         "failing_since":null,"created_at":"2026-03-15T10:30:00Z","updated_at":"2026-03-15T10:30:00Z",
         "secret":"whsec_4f8b2c6d0e1a3b5c7d9e1f3a5b7c9d0e"}
        """;

    public const string TransactionScreenRequest = """
        {"type":"wire_transfer","amount":15000,"currency":"USD",
         "sender":{"name":"Alice Martin","account":"US-001","country":"US"},"receiver":{"name":"Reza Karimi","account":"IR-9","country":"IR"},
         "reference_id":"txn_001","occurred_at":"2026-03-15T10:29:00Z","metadata":{"channel":"web"}}
        """;

    public const string Transaction = """
        {"id":"txn_5a7c9e1b3d5f4a6c8e0b2d4f6a8c0e1b","livemode":true,"reference_id":"txn_001","session_id":null,"type":"wire_transfer",
         "amount":15000,"currency":"USD","sender":{"name":"Alice Martin","account":"US-001","country":"US"},
         "receiver":{"name":"Reza Karimi","account":"IR-9","country":"IR"},
         "risk_score":85,"risk_level":"critical","recommendation":"block","status":"blocked",
         "flags":["cross_border_transfer","sanctioned_country","amount_above_threshold"],
         "rules_triggered":[{"rule_id":"rule_xb_001","name":"Cross-border transfer","severity":"medium","score_impact":20},
                            {"rule_id":"rule_sc_001","name":"Sanctioned country","severity":"critical","score_impact":40},
                            {"rule_id":"rule_amt_001","name":"Amount above threshold","severity":"high","score_impact":25}],
         "counterparty_screening":{"sender":{"status":"clear","highest_score":0,"screening_id":null},
                                   "receiver":{"status":"clear","highest_score":0,"screening_id":null}},
         "timeline":[{"event":"screened","timestamp":"2026-03-15T10:30:00Z"},{"event":"blocked","timestamp":"2026-03-15T10:30:00Z"}],
         "decision":null,"screened_at":"2026-03-15T10:30:00Z","created_at":"2026-03-15T10:30:00Z"}
        """;

    public const string RuleRequest = """
        {"name":"Decline expired documents","description":"Expired passports are never accepted","priority":10,"enabled":true,
         "conditions":[{"field":"document.expired","operator":"eq","value":true}],"action":{"type":"decline","reason":"Expired document"},
         "allow_override_decline":false}
        """;

    public const string Rule = """
        {"id":"rule_2e4a6c8e0b1d4f3a5c7e9b1d3f5a7c9e","livemode":true,"name":"Decline expired documents",
         "description":"Expired passports are never accepted","priority":10,"enabled":true,
         "conditions":[{"field":"document.expired","operator":"eq","value":true}],"action":{"type":"decline","reason":"Expired document"},
         "allow_override_decline":false,"created_at":"2026-03-15T10:30:00Z","updated_at":"2026-03-15T10:30:00Z"}
        """;
}
