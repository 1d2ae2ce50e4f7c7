namespace Verilock.Server.Limits;

/// <summary>The <c>Verilock:Limits</c> section: limits on what one client address, or everyone at once, may make the server do.</summary>
public sealed class AbuseLimitOptions
{
    /// <summary>Unknown or malformed hosted-flow tokens one client address may present per minute; 0 turns the limit off.</summary>
    public int UnknownFlowTokensPerMinute { get; set; } = 30;

    /// <summary>Dashboard sign-in attempts (form posts) one client address may make per minute; 0 turns the limit off.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Hosted-flow uploads analysed (OCR, face detection) at once inside requests; null means one per processor.</summary>
    public int? AnalysisConcurrency { get; set; }

    /// <summary>Uploads allowed to wait for an analysis slot; null means as many as run at once. Beyond it: 503 + <c>Retry-After</c>.</summary>
    public int? AnalysisQueueLimit { get; set; }

    public int EffectiveAnalysisConcurrency => AnalysisConcurrency ?? Environment.ProcessorCount;

    public int EffectiveAnalysisQueueLimit => AnalysisQueueLimit ?? EffectiveAnalysisConcurrency;

    public IEnumerable<string> Problems()
    {
        if (UnknownFlowTokensPerMinute < 0)
            yield return "Verilock:Limits:UnknownFlowTokensPerMinute must be 0 (off) or more.";
        if (SignInAttemptsPerMinute < 0)
            yield return "Verilock:Limits:SignInAttemptsPerMinute must be 0 (off) or more.";
        if (AnalysisConcurrency is < 1)
            yield return "Verilock:Limits:AnalysisConcurrency must be at least 1.";
        if (AnalysisQueueLimit is < 0)
            yield return "Verilock:Limits:AnalysisQueueLimit must be 0 or more.";
    }
}
