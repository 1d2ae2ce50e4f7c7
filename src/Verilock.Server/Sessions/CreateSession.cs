using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Common;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Aml;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Hosting;
using Verilock.Server.Profiles;

namespace Verilock.Server.Sessions;

/// <summary><c>POST /api/v1/sessions</c> (spec §8.1): both body shapes, validated field by field.</summary>
public static class CreateSession
{
    private const int DefaultExpiresInSeconds = 3600;

    public static async Task<IResult> Handle(
        HttpContext context, VerilockDbContext db, SessionInserts inserts, TimeProvider time, PublicOrigin origin,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;

        var caller = context.Caller();
        var errors = new ValidationErrors();
        var request = await ReadAsync(new JsonFields(body.Root, errors), caller, db, time, cancellationToken);
        if (request is null)
            return errors.ToResult();

        var createdAt = time.UtcMicroseconds();
        var session = Session.Create(request, createdAt, createdAt);
        await inserts.SaveAsync(session);
        context.Response.Headers.Location = $"/api/v1/sessions/{session.Id}";
        return Results.Json(SessionResponse.From(session, origin.For(context.Request), null), ApiJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Reads the request; null when it is invalid, with every problem recorded in the fields' errors.</summary>
    private static async Task<Session.CreateArgs?> ReadAsync(
        JsonFields fields, ApiCaller caller, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = fields.Errors;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

        var type = fields.String("type", 32);
        if (type is not null && type is not ("kyc" or "identity"))
            errors.Add("type", "The selected type is invalid. Allowed: kyc.");

        var applicant = ReadApplicant(fields, today);

        var referenceId = fields.String("reference_id", 255);
        var externalId = fields.String("external_id", 255);
        if (referenceId is not null && externalId is not null && referenceId != externalId)
            errors.Add("external_id", "The external_id must be the same as reference_id when both are given.");

        var redirectUrl = ReadUrl(fields, "redirect_url", caller.LiveMode);
        var webhookUrl = ReadUrl(fields, "webhook_url", caller.LiveMode);
        var expiresIn = fields.Integer("expires_in", (int)Session.MinimumLifetime.TotalSeconds, (int)Session.MaximumLifetime.TotalSeconds) ?? DefaultExpiresInSeconds;
        var metadata = ReadMetadata(fields);
        var monitoring = fields.Boolean("monitoring_enabled") ?? false;
        var frequency = MonitoringFields.Frequency(fields);

        var (settings, profileId, stepsPath) = await ReadSettingsAsync(fields, caller, db, cancellationToken);
        if (settings is not null)
        {
            foreach (var problem in VerificationSteps.Violations(settings.Steps, applicant.HasFullName))
                errors.Add(stepsPath, problem);
        }

        if (errors.Any || settings is null)
            return null;
        return new Session.CreateArgs(
            caller.AccountId, caller.LiveMode, settings, profileId, applicant, referenceId ?? externalId,
            metadata, redirectUrl, webhookUrl, monitoring, TimeSpan.FromSeconds(expiresIn), frequency);
    }

    /// <summary>Exactly one of <c>steps</c>, <c>profile</c>, <c>profile_id</c>: the first given wins, the others are errors.</summary>
    private static async Task<(ProfileSettings? Settings, Guid? ProfileId, string StepsPath)> ReadSettingsAsync(
        JsonFields fields, ApiCaller caller, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var errors = fields.Errors;
        string[] sources = ["steps", "profile", "profile_id"];
        var given = sources.Where(fields.Has).ToArray();
        if (given.Length == 0)
        {
            errors.Add("steps", "The steps field is required when neither profile nor profile_id is present.");
            return (null, null, "steps");
        }
        foreach (var extra in given.Skip(1))
            errors.Add(extra, $"The {extra} field is not allowed together with {given[0]}: give exactly one of steps, profile, profile_id.");

        switch (given[0])
        {
            case "steps":
                var steps = ProfileReader.Steps(fields);
                return (steps is null ? null : ProfileSettings.Defaults(steps), null, "steps");
            case "profile":
                var inline = fields.Object("profile");
                return (inline is null ? null : ProfileReader.Read(inline), null, "profile.steps");
            default:
                var text = fields.String("profile_id", 64);
                if (text is null)
                    return (null, null, "steps");
                var profile = Guid.TryParse(text, out var id)
                    ? await db.Profiles.AsNoTracking().FirstOrDefaultAsync(
                        p => p.Id == id && p.AccountId == caller.AccountId && p.LiveMode == caller.LiveMode, cancellationToken)
                    : null;
                if (profile is null)
                {
                    errors.Add("profile_id", "The selected profile_id is invalid.");
                    return (null, null, "steps");
                }
                if (profile.IsDeleted)
                {
                    var named = profile.Name is null ? "" : $" ('{profile.Name}')";
                    errors.Add("profile_id", $"The profile {profile.Id:D}{named} was deleted; new sessions cannot use it.");
                    return (null, null, "steps");
                }
                return (profile.Settings, profile.Id, "profile_id");
        }
    }

    private static Applicant ReadApplicant(JsonFields fields, DateOnly today)
    {
        var errors = fields.Errors;
        string? firstName = null, lastName = null, email = null, nationality = null;
        DateOnly? dateOfBirth = null;

        var applicant = fields.Object("applicant");
        if (applicant is not null)
        {
            firstName = NonBlank(applicant.String("first_name", 100));
            lastName = NonBlank(applicant.String("last_name", 100));
            email = ReadEmail(applicant, "email");
            var dob = applicant.String("date_of_birth", 10);
            if (dob is not null)
            {
                // "yyyy-M-d" also reads the padded form; unpadded dates are accepted (spec §16).
                if (!DateOnly.TryParseExact(dob, "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    errors.Add("applicant.date_of_birth", "The applicant.date_of_birth must be a date in the format YYYY-MM-DD.");
                else if (parsed >= today)
                    errors.Add("applicant.date_of_birth", "The applicant.date_of_birth must be a date before today.");
                else
                    dateOfBirth = parsed;
            }
            var country = applicant.String("nationality", 64);
            if (country is not null)
            {
                nationality = CountryInput.ToAlpha2(country);
                if (nationality is null)
                    errors.Add("applicant.nationality", $"The applicant.nationality must be {CountryInput.Expected}.");
            }
        }

        email ??= ReadEmail(fields, "applicant_email");
        var fullName = NonBlank(fields.String("applicant_name", 200));
        if (fullName is not null)
        {
            var split = fullName.LastIndexOfAny([' ', '\t', '\n', '\r']);
            var (first, last) = split < 0 ? (fullName, null) : (fullName[..split].Trim(), fullName[(split + 1)..]);
            firstName ??= NonBlank(first);
            lastName ??= NonBlank(last);
        }
        return new Applicant(firstName, lastName, email, dateOfBirth, nationality);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? ReadEmail(JsonFields fields, string name)
    {
        var email = fields.String(name, 254);
        if (email is null)
            return null;
        if (IsEmail(email))
            return email;
        fields.Errors.Add(fields.PathOf(name), $"The {fields.PathOf(name)} must be a valid email address.");
        return null;
    }

    private static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.Any(char.IsWhiteSpace) || !value[(at + 1)..].Contains('.'))
            return false;
        return MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }

    private static string? ReadUrl(JsonFields fields, string name, bool liveMode)
    {
        var text = fields.String(name, 2048);
        if (text is null)
            return null;
        var valid = Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) &&
                    (uri.Scheme == Uri.UriSchemeHttps || (!liveMode && uri.Scheme == Uri.UriSchemeHttp));
        if (valid)
            return text;
        fields.Errors.Add(name, liveMode
            ? $"The {name} must be an absolute https URL."
            : $"The {name} must be an absolute http or https URL.");
        return null;
    }

    private static IReadOnlyDictionary<string, object?> ReadMetadata(JsonFields fields)
    {
        var raw = fields.RawObject("metadata");
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (raw is null)
            return metadata;
        foreach (var property in raw.Value.EnumerateObject())
        {
            if (metadata.Count == 50)
            {
                fields.Errors.Add("metadata", "The metadata must not have more than 50 keys.");
                break;
            }
            var path = $"metadata.{property.Name}";
            if (property.Name.Length is 0 or > 40)
            {
                fields.Errors.Add("metadata", "The metadata keys must be 1 to 40 characters.");
                continue;
            }
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String when value.GetString()!.Length > 500:
                    fields.Errors.Add(path, $"The {path} must not be greater than 500 characters.");
                    break;
                case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                    metadata[property.Name] = value.Clone();
                    break;
                default:
                    fields.Errors.Add(path, $"The {path} must be a string, number, boolean or null.");
                    break;
            }
        }
        return metadata;
    }
}
