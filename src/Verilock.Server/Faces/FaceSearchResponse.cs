using Verilock.Domain.Faces;

namespace Verilock.Server.Faces;

/// <summary>A face search as <c>POST /face-search</c> and <c>GET /face-search/{id}</c> show it (spec §20; similarity 0–100).</summary>
public sealed record FaceSearchResponse(
    string Id, string SessionId, bool DuplicateFound, double? HighestSimilarity, double ThresholdUsed,
    IReadOnlyList<FaceSearchMatch> Matches, DateTime CreatedAt)
{
    public static FaceSearchResponse From(FaceSearch search) => new(
        search.Id, search.SessionId, search.DuplicateFound, search.HighestSimilarity, search.Threshold, search.Matches, search.CreatedAt);
}
