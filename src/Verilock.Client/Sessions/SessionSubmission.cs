namespace Verilock.Client;

/// <summary>The answer to a submit (spec §8.6): the session is <c>processing</c>; the decision comes by webhook.</summary>
public sealed class SessionSubmission : VerilockEntity
{
    /// <summary>The session's id.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>processing</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The server's explanation.</summary>
    public string? Message { get; init; }
}
