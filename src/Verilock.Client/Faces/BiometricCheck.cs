namespace Verilock.Client;

/// <summary>A biometric re-authentication (spec §20): a returning person's photo against an approved session's face. Scores 0–100.</summary>
public sealed class BiometricCheck : VerilockEntity
{
    /// <summary><c>bio_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The approved session whose face was compared with.</summary>
    public string SessionId { get; init; } = "";

    /// <summary><c>processing</c> or <c>completed</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary><c>pending</c>, <c>match</c>, <c>no_match</c> or <c>error</c>; <c>match</c> needs the similarity and liveness to pass.</summary>
    public string Result { get; init; } = "";

    /// <summary>0–100 (the calibrated face-match similarity × 100); null until completed or on an error.</summary>
    public double? Similarity { get; init; }

    /// <summary>Passive liveness, 0–100.</summary>
    public double? LivenessScore { get; init; }

    /// <summary>Whether liveness reached the session's liveness threshold.</summary>
    public bool? LivenessPassed { get; init; }

    /// <summary>The similarity a match needed.</summary>
    public double ThresholdUsed { get; init; }

    /// <summary><c>no_face</c>, <c>several_faces</c>, <c>unreadable</c>, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The selfie quality gates the photo failed, when <see cref="Error"/> is <c>unreadable</c> for that reason.</summary>
    public IReadOnlyList<string> QualityIssues { get; init; } = [];

    /// <summary>When it was asked for.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the workers finished it.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Whether the workers have finished with it.</summary>
    public bool IsCompleted => Status == "completed";
}

/// <summary>What <c>POST /auth/biometric</c> answers at once (202).</summary>
public sealed class BiometricCheckStarted : VerilockEntity
{
    /// <summary><c>bio_&lt;uuid&gt;</c>: read it with <see cref="BiometricService.GetAsync"/>.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>processing</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>A human-readable note.</summary>
    public string Message { get; init; } = "";
}

/// <summary>The request of <see cref="BiometricService.CreateAsync"/>.</summary>
public sealed class BiometricCheckOptions
{
    /// <summary>An approved session of the key's account and mode.</summary>
    public required string SessionId { get; set; }

    /// <summary>The returning person's photo (JPEG or PNG, ≤ 10 MiB).</summary>
    public required UploadFile Photo { get; set; }

    /// <summary>50–100; the server's default is 80.</summary>
    public double? Threshold { get; set; }

    /// <summary>A JSON object describing the device, kept with the check (≤ 4096 characters).</summary>
    public string? DeviceInfoJson { get; set; }
}
