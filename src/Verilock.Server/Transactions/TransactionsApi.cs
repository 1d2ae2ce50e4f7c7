using Verilock.Server.Api;

namespace Verilock.Server.Transactions;

/// <summary>Maps transaction monitoring under <c>/api/v1/transactions</c> (spec §19).</summary>
public static class TransactionsApi
{
    public static RouteGroupBuilder MapTransactions(this RouteGroupBuilder api)
    {
        var transactions = api.MapGroup("/transactions").WithTags("Transactions");
        transactions.MapGet("/types", ListTransactionTypes.Handle)
            .WithName("ListTransactionTypes")
            .WithSummary("The transaction types and the risk factors screened for each")
            .Produces<TransactionTypesResponse>();
        transactions.MapGet("/settings", GetTransactionSettings.Handle)
            .WithName("GetTransactionSettings")
            .WithSummary("The built-in rules' thresholds for this account and mode: the server's values and the account's overrides")
            .Produces<TransactionSettingsResponse>();
        transactions.MapPut("/settings", UpdateTransactionSettings.Handle)
            .WithName("UpdateTransactionSettings")
            .WithSummary("Replace this account's threshold overrides for this mode; a field left out keeps the server's value")
            .DocumentJsonBody<TransactionSettingsResponse.Values>()
            .Produces<TransactionSettingsResponse>()
            .DocumentErrors(StatusCodes.Status422UnprocessableEntity);
        transactions.MapPost("/screen", ScreenTransaction.Handle)
            .WithName("ScreenTransaction")
            .WithSummary("Screen one transaction against the built-in rules and the sanctions lists")
            .DocumentJsonBody<TransactionScreenRequestDoc>()
            .Produces<TransactionResponse>(StatusCodes.Status201Created)
            .DocumentExamples(OpenApiExamples.TransactionScreenRequest, StatusCodes.Status201Created, OpenApiExamples.Transaction)
            .DocumentErrors(StatusCodes.Status422UnprocessableEntity);
        transactions.MapPost("/screen/batch", ScreenTransactionBatch.Handle)
            .WithName("ScreenTransactionBatch")
            .WithSummary("Screen up to 100 transactions; one invalid item stores none")
            .DocumentJsonBody<BatchRequestDoc>()
            .Produces<BatchResponse>()
            .DocumentErrors(StatusCodes.Status422UnprocessableEntity);
        transactions.MapGet("/{id}", GetTransaction.Handle)
            .WithName("GetTransaction")
            .WithSummary("A screened transaction")
            .Produces<TransactionResponse>();
        transactions.MapPost("/{id}/decision", DecideTransaction.Handle)
            .WithName("DecideTransaction")
            .WithSummary("Approve, block or escalate a transaction")
            .DocumentJsonBody<DecisionRequestDoc>()
            .Produces<DecisionResponse>()
            .DocumentErrors(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        transactions.MapGet("", ListTransactions.Handle)
            .WithName("ListTransactions")
            .WithSummary("The screened transactions, newest first")
            .DocumentListQuery(
                ("status", "approved, pending_review, blocked or escalated"), ("recommendation", "approve, review or block"),
                ("reference_id", "Exact reference_id"), ("session_id", "Transactions of this session"))
            .Produces<ListResponse<TransactionResponse>>();
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    /// <summary>A class, not a record: a record's every member is documented required, and account and country are optional.</summary>
    public sealed class PartyDoc
    {
        public required string Name { get; init; }

        public string? Account { get; init; }

        public string? Country { get; init; }
    }

    // Not ScreenRequestDoc: that name is AML's body, and a component name holds one schema.
    public sealed record TransactionScreenRequestDoc(
        string Type, double Amount, string Currency, PartyDoc Sender, PartyDoc Receiver, string? ReferenceId, string? SessionId,
        DateTime? OccurredAt, Dictionary<string, object?>? Metadata);

    public sealed record BatchRequestDoc(IReadOnlyList<TransactionScreenRequestDoc> Transactions);

    public sealed record DecisionRequestDoc(string Decision, string? Reason);
}
