using Microsoft.Extensions.Options;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Hosting;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary>
/// <c>POST /verify/{token}/api/submit</c> (spec §13): as the API's submit (§8.6), after consent, and an active
/// liveness step needs its burst (422 on <c>liveness</c>). Adds <c>redirect_to</c>.
/// </summary>
public static class SubmitFlowSession
{
    public sealed record Response(string Id, string Status, string Message, string? RedirectTo);

    public static async Task<IResult> Handle(
        string token, OwnedSessions owned, VerilockDbContext db, IOptions<VerilockOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (session, error) = await owned.FindFlowWritableAsync(token, needsConsent: true, cancellationToken);
        if (session is null)
            return error!;
        if (session.NeedsLivenessFrames && session.Liveness!.Frames.Count == 0)
        {
            var errors = new ValidationErrors();
            errors.Add("liveness", "The liveness challenges must be recorded (POST liveness) before submitting.");
            return errors.ToResult();
        }
        var result = await SubmitSession.SubmitAsync(db, session, options.Value.Checks, time, cancellationToken);
        return result ?? Results.Json(new Response(session.Id, session.Status.ToWire(), SubmitSession.Message, FlowSessions.RedirectTo(session)),
            ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
