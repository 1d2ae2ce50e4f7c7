using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Profiles;

/// <summary>
/// The profile lookups and writes the API and the dashboard share: scoped to an account and mode, deleted profiles
/// never found (spec §2.1, §17).
/// </summary>
public static class OwnedProfiles
{
    /// <summary>A live (not deleted) profile of <paramref name="scope"/>, tracked; any other id is simply not found.</summary>
    public static Task<VerificationProfile?> FindAsync(VerilockDbContext db, AccountScope scope, string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid)
            ? db.Profiles.FirstOrDefaultAsync(
                p => p.Id == guid && p.AccountId == scope.AccountId && p.LiveMode == scope.LiveMode && p.DeletedAt == null, cancellationToken)
            : Task.FromResult<VerificationProfile?>(null);

    /// <summary>The scope's profiles that are not deleted, for lists.</summary>
    public static IQueryable<VerificationProfile> Of(VerilockDbContext db, AccountScope scope) =>
        db.Profiles.AsNoTracking().Where(p => p.AccountId == scope.AccountId && p.LiveMode == scope.LiveMode && p.DeletedAt == null);

    /// <summary>Adds a new profile to the context; the caller's next save writes it (with an audit row, on the dashboard).</summary>
    public static VerificationProfile Add(VerilockDbContext db, AccountScope scope, ProfileRequest request, DateTime now) =>
        db.Profiles.Add(VerificationProfile.Create(scope.AccountId, scope.LiveMode, request.Name, request.Settings, now)).Entity;

    public static async Task<VerificationProfile> CreateAsync(
        VerilockDbContext db, AccountScope scope, ProfileRequest request, DateTime now, CancellationToken cancellationToken)
    {
        var profile = Add(db, scope, request, now);
        await db.SaveChangesAsync(cancellationToken);
        return profile;
    }

    /// <summary>Saves the change, and whatever else the context holds (the dashboard's audit row), in one transaction.</summary>
    public static async Task UpdateAsync(
        VerilockDbContext db, VerificationProfile profile, ProfileRequest request, DateTime now, CancellationToken cancellationToken)
    {
        profile.Change(request.Name, request.Settings, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task DeleteAsync(VerilockDbContext db, VerificationProfile profile, DateTime now, CancellationToken cancellationToken)
    {
        profile.Delete(now);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IResult NotFound() => ApiError.NotFound("No such profile.");
}
