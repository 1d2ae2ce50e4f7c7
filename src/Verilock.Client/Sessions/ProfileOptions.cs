namespace Verilock.Client;

/// <summary>An inline verification profile (spec §8.1): the steps and how strict each check is.</summary>
public sealed class ProfileOptions
{
    /// <summary>Required: one or more of <see cref="VerificationSteps"/>.</summary>
    public IReadOnlyList<string>? Steps { get; set; }

    /// <summary><c>passive</c> (default) or <c>active</c> (challenges in the hosted flow).</summary>
    public string? LivenessMode { get; set; }

    /// <summary>0–100 (default 75).</summary>
    public int? LivenessThreshold { get; set; }

    /// <summary>A subset of <c>head_left</c>, <c>head_right</c>, <c>smile</c>, <c>blink</c> (default all).</summary>
    public IReadOnlyList<string>? LivenessChallenges { get; set; }

    /// <summary>A subset of <see cref="DocumentTypes"/> (default all).</summary>
    public IReadOnlyList<string>? DocumentTypes { get; set; }

    /// <summary>0.50–1.00 (default: the account's, 0.80).</summary>
    public double? AmlThreshold { get; set; }

    /// <summary>Default false. When true, the session's selfie is searched among the account's faces when its checks end; a match of 90 or more adds the review reason <c>face_duplicate</c>.</summary>
    public bool? FaceDuplicateCheck { get; set; }
}
