using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Api;
using Verilock.Server.Profiles;

namespace Verilock.Server.Dashboard.Pages.Profiles;

/// <summary>
/// Verification profiles of the account in the current mode: the list and the form that adds one, validated by the
/// API's reader (<see cref="ProfileForm"/>) and written by the API's <see cref="OwnedProfiles"/>.
/// </summary>
public sealed class IndexModel(VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    private const int MaxShown = 200;

    public IReadOnlyList<VerificationProfile> Profiles { get; private set; } = [];
    public ProfileForm Form { get; private set; } = new();
    public List<string> Problems { get; } = [];
    public string? Message { get; private set; }

    public Task OnGetAsync(string? deleted, CancellationToken cancellationToken)
    {
        Message = deleted is not null ? "The profile was deleted. Sessions already created with it keep its settings." : null;
        return LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(ProfileForm form, CancellationToken cancellationToken)
    {
        Form = form;
        var errors = new ValidationErrors();
        var request = form.Read(errors);
        if (request is null)
        {
            Problems.AddRange(errors.Messages);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }
        var profile = OwnedProfiles.Add(db, Scope, request, time.UtcMicroseconds());
        audit.Add(Operator, AuditActions.ProfileCreated, detail: profile.Id.ToString("D"));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/dashboard/profiles/{profile.Id:D}?created=1");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Profiles = await OwnedProfiles.Of(db, Scope)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(MaxShown)
            .ToListAsync(cancellationToken);
}
