namespace Verilock.Client;

/// <summary>The body of <c>PATCH /profiles/{id}</c>: only the properties set are changed, with the create rules.</summary>
public sealed class ProfileUpdateOptions
{
    /// <summary>A new name.</summary>
    public string? Name { get; set; }

    /// <summary>New steps.</summary>
    public IReadOnlyList<string>? Steps { get; set; }

    /// <summary><c>passive</c> or <c>active</c>.</summary>
    public string? LivenessMode { get; set; }

    /// <summary>0–100.</summary>
    public int? LivenessThreshold { get; set; }

    /// <summary>A subset of <c>head_left</c>, <c>head_right</c>, <c>smile</c>, <c>blink</c>.</summary>
    public IReadOnlyList<string>? LivenessChallenges { get; set; }

    /// <summary>A subset of <see cref="DocumentTypes"/>.</summary>
    public IReadOnlyList<string>? DocumentTypes { get; set; }

    /// <summary>0.50–1.00.</summary>
    public double? AmlThreshold { get; set; }

    /// <summary>On or off.</summary>
    public bool? FaceDuplicateCheck { get; set; }
}
