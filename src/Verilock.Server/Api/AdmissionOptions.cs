namespace Verilock.Server.Api;

/// <summary>The <c>Verilock:Admission</c> section: how many API requests run at once (<see cref="RequestAdmission"/>).</summary>
public sealed class AdmissionOptions
{
    /// <summary>API requests served at once; more wait in a queue. Keep it under the database pool size.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests allowed to wait; beyond it the API answers 503 with <c>Retry-After</c>.</summary>
    public int QueueLimit { get; set; } = 20_000;

    public IEnumerable<string> Problems()
    {
        if (MaxConcurrentRequests < 1)
            yield return "Verilock:Admission:MaxConcurrentRequests must be at least 1.";
        if (QueueLimit < 0)
            yield return "Verilock:Admission:QueueLimit must be 0 or more.";
    }
}
