namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>A POST remembered under its <c>Idempotency-Key</c> (spec §5). No response yet means still running.</summary>
public sealed class IdempotencyRecord
{
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public required string Key { get; init; }
    public required string Fingerprint { get; init; }
    public int? StatusCode { get; set; }
    public string? Location { get; set; }
    public byte[]? ResponseBody { get; set; }

    /// <summary>The session the request was about (created or acted on), so redacting it deletes the stored response too.</summary>
    public string? SessionId { get; set; }
    public DateTime CreatedAt { get; init; }
}
