using System.Text.Json;
using System.Text.Json.Serialization;
using Verilock.Client.Http;

namespace Verilock.Client.Json;

/// <summary>
/// The wire format (spec §1): snake_case names, nulls left out of requests (an absent field and a null differ for
/// the server: PATCH changes only what is sent), unknown response fields ignored. Source-generated, so the client
/// needs no reflection and can be trimmed.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(Page<SessionListItem>))]
[JsonSerializable(typeof(Document))]
[JsonSerializable(typeof(Selfie))]
[JsonSerializable(typeof(SessionSubmission))]
[JsonSerializable(typeof(RiskAssessment))]
[JsonSerializable(typeof(AmlScreening))]
[JsonSerializable(typeof(Page<AmlScreening>))]
[JsonSerializable(typeof(AmlListCollection))]
[JsonSerializable(typeof(WebhookEndpoint))]
[JsonSerializable(typeof(Page<WebhookEndpoint>))]
[JsonSerializable(typeof(WebhookSecret))]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(Page<WebhookDelivery>))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(Page<Profile>))]
[JsonSerializable(typeof(BiometricCheck))]
[JsonSerializable(typeof(BiometricCheckStarted))]
[JsonSerializable(typeof(FaceSearch))]
[JsonSerializable(typeof(FaceSearchOptions))]
[JsonSerializable(typeof(Rule))]
[JsonSerializable(typeof(Page<Rule>))]
[JsonSerializable(typeof(RuleSimulation))]
[JsonSerializable(typeof(Transaction))]
[JsonSerializable(typeof(Page<Transaction>))]
[JsonSerializable(typeof(TransactionTypeCollection))]
[JsonSerializable(typeof(TransactionBatch))]
[JsonSerializable(typeof(TransactionDecisionResult))]
[JsonSerializable(typeof(TransactionSettings))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(SessionCreateOptions))]
[JsonSerializable(typeof(SessionDecisionOptions))]
[JsonSerializable(typeof(AmlScreenOptions))]
[JsonSerializable(typeof(AmlDecisionOptions))]
[JsonSerializable(typeof(WebhookEndpointCreateOptions))]
[JsonSerializable(typeof(WebhookEndpointUpdateOptions))]
[JsonSerializable(typeof(ProfileCreateOptions))]
[JsonSerializable(typeof(ProfileUpdateOptions))]
[JsonSerializable(typeof(RuleCreateOptions))]
[JsonSerializable(typeof(RuleUpdateOptions))]
[JsonSerializable(typeof(RuleSimulateOptions))]
[JsonSerializable(typeof(TransactionScreenOptions))]
[JsonSerializable(typeof(TransactionBatchBody))]
[JsonSerializable(typeof(TransactionDecisionOptions))]
[JsonSerializable(typeof(TransactionThresholds))]
// Metadata values are typed object: the types a caller may put there (spec §8.1: string, number, boolean).
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement))]
// A rule condition's value is typed object too: those scalars, or the arrays of in/not_in.
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(decimal[]))]
[JsonSerializable(typeof(bool[]))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class VerilockJsonContext : JsonSerializerContext
{
}
