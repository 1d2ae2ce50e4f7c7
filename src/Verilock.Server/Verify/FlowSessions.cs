using Verilock.Domain.Sessions;

namespace Verilock.Server.Verify;

/// <summary>What the hosted flow tells the applicant's browser about a session (spec §13); lookups are <see cref="Sessions.OwnedSessions"/>'.</summary>
public static class FlowSessions
{
    /// <summary>
    /// Where the flow sends the applicant once submitted (spec §13): the integrator's <c>redirect_url</c> with
    /// <c>session_id</c> and <c>status</c> appended, its own query kept; null before submit or without one.
    /// </summary>
    public static string? RedirectTo(Session session)
    {
        if (session.RedirectUrl is null || session.Status == SessionStatus.Created)
            return null;
        var separator = session.RedirectUrl.Contains('?') ? "&" : "?";
        return $"{session.RedirectUrl}{separator}session_id={Uri.EscapeDataString(session.Id)}&status={session.Status.ToWire()}";
    }
}
