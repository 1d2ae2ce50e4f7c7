using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Auth;

namespace Verilock.Server.Faces;

/// <summary>
/// Every biometric comparison is written to <c>audit_log</c> (spec §20: templates are biometric data, so who compared
/// a face with which session, and when, must be answerable). Integrators ask through the API, not as operators: the
/// row has no operator, and names the API key by its public prefix.
/// </summary>
public static class BiometricAudit
{
    public static void Add(VerilockDbContext db, ApiCaller caller, string sessionId, string checkId, DateTime now) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            AccountId = caller.AccountId,
            OperatorId = Guid.Empty,
            Action = AuditActions.BiometricChecked,
            SessionId = sessionId,
            Detail = $"{checkId} by API key {caller.KeyPrefix}",
            OccurredAt = now,
        });
}
