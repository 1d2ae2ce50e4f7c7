using Verilock.Checks.Faces;
using Verilock.Domain.Sessions;
using Verilock.Server.Aml;

namespace Verilock.Server.Checks;

/// <summary>
/// One pass of the pipeline over a session: what earlier steps hand on to later ones, so each image is examined once.
/// The step dependency rules (spec §8.1, <see cref="VerificationSteps.Violations"/>) guarantee the producer ran first.
/// </summary>
public sealed class CheckRun(Session session)
{
    public Session Session { get; } = session;

    /// <summary>Who the document step read (or, in test mode, the applicant's data); the AML step screens it.</summary>
    public DocumentIdentity? Identity { get; set; }

    /// <summary>The selfie step's analysis (embedding, passive liveness), read by face match and liveness.</summary>
    public FaceAnalysis? Selfie { get; set; }

    public FaceAnalysis SelfieAnalysis => Selfie ?? throw new InvalidOperationException("The selfie step runs before the steps that compare with it.");
}
