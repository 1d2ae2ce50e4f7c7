using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;

namespace Verilock.Server.Aml;

/// <summary>
/// The monitoring fields of spec §16 that screenings and sessions share: <c>monitoring_frequency</c> on create, and
/// <c>last_monitoring_at</c> on the response, which is the time of the latest monitoring run (so it is never written
/// separately: a run is one insert, and the run's own row says when it ran).
/// </summary>
public static class MonitoringFields
{
    /// <summary><c>monitoring_frequency</c>: <c>daily</c> (also when absent or null) or <c>weekly</c>; anything else is a 422 on the field.</summary>
    public static MonitoringFrequency Frequency(JsonFields fields)
    {
        var text = fields.String("monitoring_frequency", 16);
        if (text is null)
            return MonitoringFrequency.Daily;
        if (MonitoringFrequencies.TryParse(text, out var frequency))
            return frequency;
        fields.Errors.Add(fields.PathOf("monitoring_frequency"),
            $"The selected {fields.PathOf("monitoring_frequency")} is invalid. Allowed: {MonitoringFrequencies.AllowedList}.");
        return MonitoringFrequency.Daily;
    }

    /// <summary>When a run last re-screened <paramref name="screening"/> (its runs point at it); null for runs and test mode.</summary>
    public static Task<DateTime?> LastRunAsync(VerilockDbContext db, AmlScreening screening, CancellationToken cancellationToken) =>
        screening.IsMonitoringRun || !screening.LiveMode
            ? Task.FromResult<DateTime?>(null)
            : db.AmlScreenings.AsNoTracking()
                .Where(r => r.ParentScreeningId == screening.Id)
                .MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);

    /// <summary>The same for a page of screenings, in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, DateTime>> LastRunsAsync(
        VerilockDbContext db, IReadOnlyList<AmlScreening> screenings, CancellationToken cancellationToken)
    {
        var ids = screenings.Where(s => !s.IsMonitoringRun && s.LiveMode).Select(s => s.Id).ToList();
        if (ids.Count == 0)
            return new Dictionary<string, DateTime>();
        var rows = await db.AmlScreenings.AsNoTracking()
            .Where(r => r.ParentScreeningId != null && ids.Contains(r.ParentScreeningId))
            .GroupBy(r => r.ParentScreeningId!)
            .Select(g => new { Id = g.Key, At = g.Max(r => r.CreatedAt) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.At);
    }

    /// <summary>When a run last re-screened <paramref name="session"/>; only live monitored sessions have runs.</summary>
    public static Task<DateTime?> LastRunAsync(VerilockDbContext db, Session session, CancellationToken cancellationToken) =>
        !session.MonitoringEnabled || !session.LiveMode
            ? Task.FromResult<DateTime?>(null)
            : db.AmlScreenings.AsNoTracking()
                .Where(r => r.AccountId == session.AccountId && r.LiveMode && r.SessionId == session.Id && r.IsMonitoringRun)
                .OrderByDescending(r => r.CreatedAt)
                .Select(r => (DateTime?)r.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
}
