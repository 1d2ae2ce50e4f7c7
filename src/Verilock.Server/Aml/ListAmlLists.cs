using Verilock.Infrastructure.Serialization;
using Verilock.Screening.Model;
using Verilock.Server.Auth;

namespace Verilock.Server.Aml;

/// <summary><c>GET /api/v1/aml/lists</c> (spec §11.5): the lists loaded in this server, shared by all accounts.</summary>
public static class ListAmlLists
{
    public static IResult Handle(HttpContext context, ScreeningIndexHolder holder)
    {
        var lists = (holder.Current?.Lists ?? []).Select(l => AmlListResponse.From(l.List.Metadata)).ToList();
        if (!context.Caller().LiveMode)
            lists.Add(SandboxList.Describe(holder.StartedAt));
        return Results.Json(new AmlListsResponse(lists), ApiJson.Options);
    }
}

public sealed record AmlListResponse(
    string Id,
    string Name,
    string Type,
    string Source,
    string? SourceUrl,
    string Version,
    DateTime? PublishedAt,
    int EntityCount,
    DateTime LoadedAt)
{
    public static AmlListResponse From(ListMetadata list) => new(
        list.Id, list.Name, list.Type, list.Source, list.SourceUrl, list.Version,
        list.PublishedAt?.UtcDateTime, list.EntityCount, list.LoadedAt.UtcDateTime);
}

public sealed record AmlListsResponse(IReadOnlyList<AmlListResponse> Data);
