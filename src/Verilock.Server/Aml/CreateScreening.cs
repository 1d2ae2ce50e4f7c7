using Verilock.Domain.Aml;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Screening;
using Verilock.Screening.Model;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Aml;

/// <summary><c>POST /api/v1/aml/screen</c> (spec §11.1): screens a name synchronously and stores the result.</summary>
public static class CreateScreening
{
    public static async Task<IResult> Handle(
        HttpContext context, VerilockDbContext db, AmlScreener screener, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;

        var caller = context.Caller();
        // Until a list has loaded, live list ids are unknown: say "retry" rather than "no such list".
        if (!screener.IsAvailable(caller.LiveMode))
            return ApiError.Unavailable(retryAfterSeconds: 5);
        var errors = new ValidationErrors();
        var request = Read(new JsonFields(body.Root, errors), screener, caller.LiveMode, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (request is null)
            return errors.ToResult();

        // Available was checked above, and a loaded set is only ever replaced by another.
        var matches = screener.Screen(request.Query, request.Lists, request.Threshold, caller.LiveMode)!;

        var createdAt = time.UtcMicroseconds();
        var screening = AmlScreening.Create(
            new AmlScreening.CreateArgs(caller.AccountId, caller.LiveMode, request.Query, request.Lists, request.Threshold, matches,
                request.ReferenceId, MonitoringEnabled: request.MonitoringEnabled, MonitoringFrequency: request.MonitoringFrequency),
            createdAt, createdAt);
        db.AmlScreenings.Add(screening);
        await db.SaveChangesAsync(cancellationToken);
        context.Response.Headers.Location = $"/api/v1/aml/screen/{screening.Id}";
        return Results.Json(ScreeningResponse.From(screening, null), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private sealed record Request(
        AmlQuery Query, IReadOnlyList<string> Lists, double Threshold, string? ReferenceId, bool MonitoringEnabled,
        MonitoringFrequency MonitoringFrequency);

    /// <summary>Reads and checks the body; null when invalid, with every problem in the fields' errors.</summary>
    private static Request? Read(JsonFields fields, AmlScreener screener, bool liveMode, DateOnly today)
    {
        var errors = fields.Errors;
        // "name" is an older spelling of full_name (spec §11.1 compatibility note).
        var fullName = fields.String("full_name", QueryValidation.MaxFullNameLength)
                       ?? (fields.Has("full_name") ? null : fields.String("name", QueryValidation.MaxFullNameLength));
        var firstName = fields.String("first_name", QueryValidation.MaxPartLength);
        var lastName = fields.String("last_name", QueryValidation.MaxPartLength);
        var dateOfBirth = fields.String("date_of_birth", 10)?.Trim();
        // Stored and returned padded, however it was written ("1969-7-6" → "1969-07-06", spec §16).
        if (BirthDate.TryParseIso(dateOfBirth, out var birthDate))
            dateOfBirth = birthDate.ToString();
        var nationalityText = fields.String("nationality", 64);
        var nationality = nationalityText is null ? null : CountryInput.ToAlpha2(nationalityText);
        if (nationalityText is not null && nationality is null && !errors.Has("nationality"))
            errors.Add("nationality", $"The nationality must be {CountryInput.Expected}.");
        var referenceId = fields.String("reference_id", 255);
        var known = screener.KnownLists(liveMode);
        var lists = fields.Choices("lists", known)?.Distinct().ToList();
        var threshold = fields.Number("threshold", (decimal)QueryValidation.MinThreshold, (decimal)QueryValidation.MaxThreshold);
        var monitoring = fields.Boolean("monitoring_enabled") ?? false;
        var frequency = MonitoringFields.Frequency(fields);

        var query = new AmlQuery(fullName, firstName, lastName, string.IsNullOrEmpty(dateOfBirth) ? null : dateOfBirth, nationality);
        foreach (var (field, message) in AmlScreener.ToLibrary(query, null, null).Validate(known, today))
        {
            var path = field == "full_name" && fullName is not null && !fields.Has("full_name") ? "name" : field;
            if (!errors.Has(path))
                errors.Add(path, message);
        }
        if (errors.Any)
            return null;
        return new Request(query, lists ?? screener.DefaultLists(liveMode), (double?)threshold ?? screener.DefaultThreshold, referenceId, monitoring, frequency);
    }
}
