using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Auth;

namespace Verilock.Server.Faces;

/// <summary>
/// Every biometric comparison and face search is written to <c>audit_log</c> (spec §20: templates are biometric data, so who compared
/// a face with which session, and when, must be answerable). Integrators ask through the API, not as operators: the
/// row has no operator, and names the API key by its public prefix.
/// </summary>
public static class BiometricAudit
{
    public static void Add(VerilockDbContext db, ApiCaller caller, string action, string sessionId, string subjectId, DateTime now) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            AccountId = caller.AccountId,
            OperatorId = Guid.Empty,
            Action = action,
            SessionId = sessionId,
            Detail = $"{subjectId} by API key {caller.KeyPrefix}",
            OccurredAt = now,
        });
}
