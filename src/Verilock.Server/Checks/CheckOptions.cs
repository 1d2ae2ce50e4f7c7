namespace Verilock.Server.Checks;

/// <summary>The <c>Verilock:Checks</c> section: the background workers that run a submitted session's checks.</summary>
public sealed class CheckOptions
{
    /// <summary>Sessions checked at once by this instance (OCR and face models use one core each).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How often workers look for jobs queued by other instances (their own submits wake them at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed job is reserved for its worker; after that another worker may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a session whose checks keep failing is handed to a person (<c>processing_error</c>).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before retrying a failed attempt, doubled each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Test-mode sessions are decided this long after submit, like real checks would take (spec §2.2).</summary>
    public TimeSpan SandboxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What a contradiction between the document and the applicant's data leads to: <c>review</c> (spec §7.2,
    /// reason <c>data_mismatch</c>) or <c>decline</c>.
    /// </summary>
    public string DataMismatch { get; set; } = Review;

    public const string Review = "review";
    public const string Decline = "decline";

    /// <summary>
    /// The folder holding the OCR and face models fetched by <c>scripts/setup</c>. By default <c>models</c> beside the
    /// executable, where the release puts them, so it runs from any working directory without a wrapper script
    /// (<c>./verilock</c> in a checkout points it at the repository's <c>models/</c>).
    /// </summary>
    public string ModelsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The face models' files, input conventions, match thresholds and selfie quality gates (docs/face-matching.md).</summary>
    public Verilock.Checks.Faces.FaceModelOptions Faces { get; set; } = new();

    /// <summary>
    /// Decoding budgets for every upload the checks read (documents, selfies, liveness frames): pixels from the header,
    /// bytes per PDF stream and per PDF, enforced while decoding; over them the upload is unreadable (docs/documents.md).
    /// </summary>
    public Verilock.Checks.Documents.DecodeLimits Decoding { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (Workers < 0)
            yield return "Verilock:Checks:Workers must be 0 (no checks on this instance) or more.";
        if (PollInterval <= TimeSpan.Zero || Lease <= TimeSpan.Zero || RetryDelay <= TimeSpan.Zero)
            yield return "Verilock:Checks:PollInterval, Lease and RetryDelay must be positive.";
        if (SandboxDelay < TimeSpan.Zero)
            yield return "Verilock:Checks:SandboxDelay must not be negative.";
        if (MaxAttempts < 1)
            yield return "Verilock:Checks:MaxAttempts must be at least 1.";
        if (DataMismatch is not (Review or Decline))
            yield return "Verilock:Checks:DataMismatch must be review or decline.";
        foreach (var problem in Decoding.Problems("Verilock:Checks:Decoding"))
            yield return problem;
        foreach (var problem in Faces.Problems())
            yield return problem;
    }
}
