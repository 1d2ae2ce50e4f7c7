namespace Verilock.Checks.Faces.Search;

/// <summary>
/// The templates one search may see: one account's, in one mode. A search never returns a template of another
/// partition (spec §20: "every other template of the account and mode").
/// </summary>
public readonly record struct FaceIndexPartition(Guid AccountId, bool Live);
