namespace Verilock.Domain.Sessions;

/// <summary>Lifecycle states of a session (spec §7.2).</summary>
public enum SessionStatus
{
    Created,
    Processing,
    Approved,
    Declined,
    Expired,
}

/// <summary>The outcome of the checks or of an operator (spec §7.2).</summary>
public enum SessionDecision
{
    Approved,
    Declined,
    Review,
}

public static class SessionStatuses
{
    private static readonly string[] StatusNames = ["created", "processing", "approved", "declined", "expired"];
    private static readonly string[] DecisionNames = ["approved", "declined", "review"];

    public static IReadOnlyList<SessionStatus> All { get; } = Enum.GetValues<SessionStatus>();

    public static string ToWire(this SessionStatus status) => StatusNames[(int)status];

    public static string ToWire(this SessionDecision decision) => DecisionNames[(int)decision];

    public static bool TryParse(string? value, out SessionStatus status)
    {
        var index = value is null ? -1 : Array.IndexOf(StatusNames, value);
        status = (SessionStatus)Math.Max(index, 0);
        return index >= 0;
    }
}
