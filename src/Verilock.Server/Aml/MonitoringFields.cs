using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;

namespace Verilock.Server.Aml;

/// <summary>
/// The monitoring fields of spec §16 that screenings and sessions share: <c>monitoring_frequency</c> on create, and
/// <c>last_monitoring_at</c> on the response: when monitoring last re-screened the item. A run marks every item it
/// re-screens (<c>aml_monitoring_state</c>) and writes a run screening only for those whose matches changed; runs
/// from before the marks existed count too, so it is the later of the item's mark and its latest run.
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

    /// <summary>When monitoring last re-screened <paramref name="screening"/>; null for runs and test mode.</summary>
    public static async Task<DateTime?> LastRunAsync(VerilockDbContext db, AmlScreening screening, CancellationToken cancellationToken)
    {
        if (screening.IsMonitoringRun || !screening.LiveMode)
            return null;
        var run = await db.AmlScreenings.AsNoTracking()
            .Where(r => r.ParentScreeningId == screening.Id)
            .MaxAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        return Later(run, await MarkAsync(db, screening.Id, cancellationToken));
    }

    /// <summary>The same for a page of screenings, in two queries.</summary>
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
        var marks = await db.AmlMonitoringStates.AsNoTracking()
            .Where(m => ids.Contains(m.MonitoredId))
            .Select(m => new { Id = m.MonitoredId, At = m.LastRunAt })
            .ToListAsync(cancellationToken);
        var last = rows.ToDictionary(r => r.Id, r => r.At);
        foreach (var mark in marks)
            last[mark.Id] = last.TryGetValue(mark.Id, out var run) && run > mark.At ? run : mark.At;
        return last;
    }

    /// <summary>When monitoring last re-screened <paramref name="session"/>; only live monitored sessions are.</summary>
    public static async Task<DateTime?> LastRunAsync(VerilockDbContext db, Session session, CancellationToken cancellationToken)
    {
        if (!session.MonitoringEnabled || !session.LiveMode)
            return null;
        var run = await db.AmlScreenings.AsNoTracking()
            .Where(r => r.AccountId == session.AccountId && r.LiveMode && r.SessionId == session.Id && r.IsMonitoringRun)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => (DateTime?)r.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return Later(run, await MarkAsync(db, session.Id, cancellationToken));
    }

    private static Task<DateTime?> MarkAsync(VerilockDbContext db, string id, CancellationToken cancellationToken) =>
        db.AmlMonitoringStates.AsNoTracking().Where(m => m.MonitoredId == id).Select(m => (DateTime?)m.LastRunAt).FirstOrDefaultAsync(cancellationToken);

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
