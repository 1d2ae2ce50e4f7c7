using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Verilock.Infrastructure.Persistence.Saving;

/// <summary>
/// Optimistic concurrency: an entity mapped with an integer shadow <see cref="Property"/> concurrency token gets it
/// incremented whenever it is saved modified, so of two writers who loaded the same version only the first
/// succeeds (the loser's update matches no row and reloads or answers 409).
/// </summary>
public sealed class VersionBumps : SaveChangesInterceptor
{
    public const string Property = "Version";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
            Bump(context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            Bump(context);
        return ValueTask.FromResult(result);
    }

    private static void Bump(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified || entry.Metadata.FindProperty(Property) is not { IsConcurrencyToken: true } version
                || !version.IsShadowProperty() || version.ClrType != typeof(int))
                continue;
            var property = entry.Property(version.Name);
            property.CurrentValue = (int)property.CurrentValue! + 1;
        }
    }
}
