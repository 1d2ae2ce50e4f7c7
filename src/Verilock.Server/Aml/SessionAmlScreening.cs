using System.Globalization;
using Verilock.Domain.Aml;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Common;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Aml;

/// <summary>What the document step read about the holder, when a session has one (spec §9 <c>document</c> details).</summary>
public sealed record DocumentIdentity(string? Surname, string? GivenNames, DateOnly? DateOfBirth, string? Nationality);

/// <summary>
/// A session's <c>aml</c> step (spec §9): screens the name, birth date and nationality read from the
/// document when there is one (falling back to the applicant's value for a field the document lacks),
/// else the applicant's; stores the screening with <c>session_id</c>; and returns the step's result.
/// The checks pipeline calls it; the screening is added to <paramref name="db"/> so it commits with the
/// session's outcome in the caller's <c>SaveChangesAsync</c>.
/// </summary>
public sealed class SessionAmlScreening(VerilockDbContext db, AmlScreener screener, TimeProvider time)
{
    /// <summary>The result, or null when live lists are not loaded yet (the pipeline retries the step later).</summary>
    public sealed record Result(AmlScreening Screening, StepResult Step, bool PotentialMatch);

    public Result? Screen(Session session, DocumentIdentity? document = null)
    {
        var query = QueryFor(session, document);
        var threshold = (double?)session.Settings.AmlThreshold ?? screener.DefaultThreshold;
        var lists = screener.DefaultLists(session.LiveMode);
        var matches = screener.Screen(query, lists, threshold, session.LiveMode);
        if (matches is null)
            return null;

        var createdAt = time.UtcMicroseconds();
        var screening = AmlScreening.Create(
            new AmlScreening.CreateArgs(session.AccountId, session.LiveMode, query, lists, threshold, matches,
                session.ReferenceId, session.Id),
            createdAt, createdAt);
        db.AmlScreenings.Add(screening);
        return new Result(screening, StepResultFor(screening, screener.ListType), screening.Status == AmlScreeningStatus.PotentialMatch);
    }

    /// <summary>Document values first, field by field, then the applicant's; a person query (first and last name).</summary>
    public static AmlQuery QueryFor(Session session, DocumentIdentity? document)
    {
        var applicant = session.Applicant;
        var hasDocumentName = !string.IsNullOrWhiteSpace(document?.Surname);
        var firstName = hasDocumentName ? document!.GivenNames : applicant.FirstName;
        var lastName = hasDocumentName ? document!.Surname : applicant.LastName;
        var dateOfBirth = document?.DateOfBirth ?? applicant.DateOfBirth;
        return new AmlQuery(
            null,
            string.IsNullOrWhiteSpace(firstName) ? null : firstName.Trim(),
            string.IsNullOrWhiteSpace(lastName) ? null : lastName.Trim(),
            dateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (document?.Nationality ?? applicant.Nationality)?.ToUpperInvariant());
    }

    /// <summary>
    /// <c>results.aml</c>: score = the highest match score (0 without one); approved when nothing reached
    /// the threshold, else pending with <c>aml_potential_match</c> for the session's review.
    /// </summary>
    /// <param name="listType">A list id's type, <c>sanctions</c> or <c>pep</c>.</param>
    public static StepResult StepResultFor(AmlScreening screening, Func<string, string> listType)
    {
        var details = new AmlStepDetails(
            screening.Id,
            Pep: screening.Matches.Any(m => listType(m.List) == "pep"),
            Sanctions: screening.Matches.Any(m => listType(m.List) == "sanctions"),
            AdverseMedia: false,
            screening.Matches.Select(m => new AmlStepMatch(m.List, m.EntityId, m.Name, m.MatchedName, m.Score)).ToList());
        var outcome = screening.Status == AmlScreeningStatus.Clear ? StepOutcome.Approved : StepOutcome.Pending;
        return new StepResult(outcome, screening.HighestScore, details);
    }
}
