namespace Verilock.Client;

/// <summary>The body of <c>POST /profiles</c>: a name and the profile keys of spec §8.1 (null ones take their default).</summary>
public sealed class ProfileCreateOptions
{
    /// <summary>Required: 1–100 characters (names need not be unique).</summary>
    public string? Name { get; set; }

    /// <summary>Required: one or more of <see cref="VerificationSteps"/>.</summary>
    public IReadOnlyList<string>? Steps { get; set; }

    /// <summary><c>passive</c> (default) or <c>active</c>.</summary>
    public string? LivenessMode { get; set; }

    /// <summary>0–100 (default 75).</summary>
    public int? LivenessThreshold { get; set; }

    /// <summary>A subset of <c>head_left</c>, <c>head_right</c>, <c>smile</c>, <c>blink</c> (default all).</summary>
    public IReadOnlyList<string>? LivenessChallenges { get; set; }

    /// <summary>A subset of <see cref="DocumentTypes"/> (default all).</summary>
    public IReadOnlyList<string>? DocumentTypes { get; set; }

    /// <summary>0.50–1.00 (default: the server's screening threshold, 0.80 unless configured).</summary>
    public double? AmlThreshold { get; set; }

    /// <summary>Default false.</summary>
    public bool? FaceDuplicateCheck { get; set; }
}
