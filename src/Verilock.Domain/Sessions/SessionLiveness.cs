using Verilock.Domain.Media;

namespace Verilock.Domain.Sessions;

/// <summary>
/// Active liveness of a session (spec §13): the challenges in the random order the applicant is asked to perform
/// them (fixed when the session is created), and the burst of frames the hosted flow uploaded, in capture order.
/// </summary>
public sealed record SessionLiveness(IReadOnlyList<string> Challenges, IReadOnlyList<StoredMedia> Frames, DateTime? FramesUploadedAt)
{
    public const int MinFrames = 8;
    public const int MaxFrames = 12;

    /// <summary>The profile's challenges shuffled: a replayed recording of another session's order fails.</summary>
    public static SessionLiveness Draw(IReadOnlyList<string> challenges)
    {
        var order = challenges.ToArray();
        Random.Shared.Shuffle(order);
        return new SessionLiveness(order, [], null);
    }
}
