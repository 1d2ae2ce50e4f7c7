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
            .DocumentJsonBody<ScreenRequestDoc>()
            .Produces<ScreeningResponse>(StatusCodes.Status201Created);
        aml.MapGet("/screen/{id}", GetScreening.Handle)
            .WithName("GetScreening")
            .Produces<ScreeningResponse>();
        aml.MapPost("/screen/{id}/decision", DecideScreening.Handle)
            .WithName("DecideScreening")
            .DocumentJsonBody<ScreeningDecisionRequestDoc>()
            .Produces<ScreeningResponse>();
        aml.MapGet("/screenings", ListScreenings.Handle)
            .WithName("ListScreenings")
            .DocumentListQuery(("status", "A screening status"), ("reference_id", "Exact reference_id"), ("session_id", "Screenings of this session"))
            .Produces<ListResponse<ScreeningResponse>>();
        aml.MapGet("/lists", ListAmlLists.Handle)
            .WithName("ListAmlLists")
            .Produces<AmlListsResponse>();
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    public sealed record ScreenRequestDoc(
        string? FullName, string? Name, string? FirstName, string? LastName, string? DateOfBirth, string? Nationality,
        string? ReferenceId, string[]? Lists, double? Threshold, bool? MonitoringEnabled, string? MonitoringFrequency);

    public sealed record ScreeningDecisionRequestDoc(string Decision, string? Reason);
}
