using Microsoft.AspNetCore.Mvc;
using Verilock.Domain.Accounts;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Api;
using Verilock.Server.Profiles;

namespace Verilock.Server.Dashboard.Pages.Profiles;

/// <summary>One profile of the current mode: change it (the API's rules, <see cref="ProfileForm"/>) or delete it.</summary>
public sealed class EditModel(VerilockDbContext db, TimeProvider time, AuditLog audit) : DashboardPage
{
    public VerificationProfile Profile { get; private set; } = null!;
    public ProfileForm Form { get; private set; } = new();
    public List<string> Problems { get; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? created, string? saved, CancellationToken cancellationToken)
    {
        var profile = await OwnedProfiles.FindAsync(db, Scope, id, cancellationToken);
        if (profile is null)
            return NotFound();
        Profile = profile;
        Form = ProfileForm.From(profile);
        Message = created is not null ? "The profile was created." : saved is not null ? "The profile was saved." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, ProfileForm form, CancellationToken cancellationToken)
    {
        var profile = await OwnedProfiles.FindAsync(db, Scope, id, cancellationToken);
        if (profile is null)
            return NotFound();
        var errors = new ValidationErrors();
        var request = form.Read(errors, profile);
        if (request is null)
        {
            Profile = profile;
            Form = form;
            Problems.AddRange(errors.Messages);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        audit.Add(Operator, AuditActions.ProfileUpdated, detail: profile.Id.ToString("D"));
        await OwnedProfiles.UpdateAsync(db, profile, request, time.UtcMicroseconds(), cancellationToken);
        return Redirect($"/dashboard/profiles/{profile.Id:D}?saved=1");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        var profile = await OwnedProfiles.FindAsync(db, Scope, id, cancellationToken);
        if (profile is null)
            return NotFound();
        audit.Add(Operator, AuditActions.ProfileDeleted, detail: profile.Id.ToString("D"));
        await OwnedProfiles.DeleteAsync(db, profile, time.UtcMicroseconds(), cancellationToken);
        return Redirect("/dashboard/profiles?deleted=1");
    }
}
