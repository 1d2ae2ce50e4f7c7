using Verilock.Server.Api;

namespace Verilock.Server.Rules;

/// <summary>Maps the orchestration rule endpoints under <c>/api/v1/orchestration/rules</c> (spec §18).</summary>
public static class RulesApi
{
    public static RouteGroupBuilder MapRules(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/orchestration/rules").WithTags("Orchestration rules");
        rules.MapPost("", CreateRule.Handle)
            .WithName("CreateRule")
            .WithSummary("Create an orchestration rule")
            .DocumentJsonBody<RuleRequestDoc>()
            .Produces<RuleResponse>(StatusCodes.Status201Created)
            .DocumentExamples(OpenApiExamples.RuleRequest, StatusCodes.Status201Created, OpenApiExamples.Rule);
        rules.MapGet("", ListRules.Handle)
            .WithName("ListRules")
            .WithSummary("List the account's rules in priority order")
            .DocumentListQuery()
            .Produces<ListResponse<RuleResponse>>();
        rules.MapPost("/simulate", SimulateRules.Handle)
            .WithName("SimulateRule")
            .WithSummary("Replay a draft rule over decided sessions and report the decisions it would change")
            .DocumentJsonBody<SimulateRequestDoc>()
            .Produces<RuleSimulationResult>();
        rules.MapGet("/{id}", GetRule.Handle)
            .WithName("GetRule")
            .WithSummary("An orchestration rule")
            .Produces<RuleResponse>();
        rules.MapPatch("/{id}", UpdateRule.Handle)
            .WithName("UpdateRule")
            .WithSummary("Change an orchestration rule")
            .DocumentJsonBody<RuleUpdateDoc>()
            .Produces<RuleResponse>();
        rules.MapDelete("/{id}", DeleteRule.Handle)
            .WithName("DeleteRule")
            .WithSummary("Delete an orchestration rule")
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    public sealed record RuleRequestDoc(
        string Name, string? Description, int? Priority, bool? Enabled, RuleConditionDoc[] Conditions, RuleActionDoc Action,
        bool? AllowOverrideDecline);

    public sealed record RuleUpdateDoc(
        string? Name, string? Description, int? Priority, bool? Enabled, RuleConditionDoc[]? Conditions, RuleActionDoc? Action,
        bool? AllowOverrideDecline);

    /// <summary>Not the response records: a record's every member is documented required, and a request may leave these out.</summary>
    public sealed class RuleConditionDoc
    {
        public required string Field { get; init; }

        public required string Operator { get; init; }

        /// <summary>A number, string, boolean or array; absent for <c>is_null</c>/<c>is_not_null</c>.</summary>
        public object? Value { get; init; }
    }

    public sealed class RuleActionDoc
    {
        public required string Type { get; init; }

        public string? Reason { get; init; }
    }

    public sealed record SimulateRequestDoc(RuleRequestDoc Rule, string? From, string? To, int? Limit);
}
