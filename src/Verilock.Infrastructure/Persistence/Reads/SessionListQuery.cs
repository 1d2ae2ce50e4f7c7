namespace Verilock.Infrastructure.Persistence.Reads;

/// <summary>One page of an account's sessions, newest first (spec §8.2); filters are optional.</summary>
/// <param name="CreatedFrom">Inclusive lower bound on <c>created_at</c> (the start of the <c>from</c> day).</param>
/// <param name="CreatedBefore">Exclusive upper bound on <c>created_at</c> (the day after <c>to</c>).</param>
public sealed record SessionListQuery(
    Guid AccountId,
    bool LiveMode,
    string? Status,
    string? ReferenceId,
    DateTime? CreatedFrom,
    DateTime? CreatedBefore,
    long Offset,
    int Limit)
{
    public DateOnly? FromDay => CreatedFrom is { } from ? DateOnly.FromDateTime(from) : null;
    public DateOnly? ToDay => CreatedBefore is { } before ? DateOnly.FromDateTime(before).AddDays(-1) : null;
}

/// <summary>A row of the list: only the columns the seed's list item shows.</summary>
public sealed record SessionListRow(
    string Id,
    string Status,
    string? ReferenceId,
    string Steps,
    string? FirstName,
    string? LastName,
    string? Email,
    DateTime CreatedAt,
    DateTime? CompletedAt);

public sealed record SessionListPage(IReadOnlyList<SessionListRow> Rows, long Total);
