using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Dashboard.Operators;

namespace Verilock.Server.Dashboard;

/// <summary>Writes <c>audit_log</c> rows for what operators see and do; never the data itself.</summary>
public sealed class AuditLog(VerilockDbContext db, TimeProvider time)
{
    /// <summary>Adds the row to the context; it is written by the caller's next save (with the change it records).</summary>
    public AuditLogEntry Add(SignedInOperator op, string action, string? sessionId = null, string? detail = null) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            AccountId = op.AccountId,
            OperatorId = op.Id,
            Action = action,
            SessionId = sessionId,
            Detail = detail,
            OccurredAt = time.UtcSeconds(),
        }).Entity;

    /// <summary>Writes the row now, for views and for changes saved elsewhere.</summary>
    public async Task RecordAsync(SignedInOperator op, string action, string? sessionId, string? detail, CancellationToken cancellationToken)
    {
        Add(op, action, sessionId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
