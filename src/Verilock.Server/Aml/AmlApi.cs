using Verilock.Server.Api;

namespace Verilock.Server.Aml;

/// <summary>Maps the AML endpoints under <c>/api/v1/aml</c> (spec §11).</summary>
public static class AmlApi
{
    public static RouteGroupBuilder MapAml(this RouteGroupBuilder api)
    {
        var aml = api.MapGroup("/aml").WithTags("AML");
        aml.MapPost("/screen", CreateScreening.Handle)
            .WithName("CreateScreening")
            .WithSummary("Screen a person against the sanctions lists")
            .DocumentJsonBody<ScreenRequestDoc>()
            .Produces<ScreeningResponse>(StatusCodes.Status201Created)
            .DocumentExamples(OpenApiExamples.ScreenRequest, StatusCodes.Status201Created, OpenApiExamples.Screening);
        aml.MapGet("/screen/{id}", GetScreening.Handle)
            .WithName("GetScreening")
            .WithSummary("A screening, with its monitoring runs")
            .Produces<ScreeningResponse>();
        aml.MapPost("/screen/{id}/decision", DecideScreening.Handle)
            .WithName("DecideScreening")
            .WithSummary("Record an analyst's decision on a screening")
            .DocumentJsonBody<ScreeningDecisionRequestDoc>()
            .Produces<ScreeningResponse>();
        aml.MapGet("/screenings", ListScreenings.Handle)
            .WithName("ListScreenings")
            .WithSummary("List screenings, newest first, with filters")
            .DocumentListQuery(("status", "A screening status"), ("reference_id", "Exact reference_id"), ("session_id", "Screenings of this session"))
            .Produces<ListResponse<ScreeningResponse>>();
        aml.MapGet("/lists", ListAmlLists.Handle)
            .WithName("ListAmlLists")
            .WithSummary("The sanctions lists loaded, with their versions")
            .Produces<AmlListsResponse>();
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    public sealed record ScreenRequestDoc(
        string? FullName, string? Name, string? FirstName, string? LastName, string? DateOfBirth, string? Nationality,
        string? ReferenceId, string[]? Lists, double? Threshold, bool? MonitoringEnabled, string? MonitoringFrequency);

    public sealed record ScreeningDecisionRequestDoc(string Decision, string? Reason);
}
