using System.Text.Json.Serialization;

namespace Verilock.Client;

/// <summary>A result of the API, carrying the <see cref="VerilockResponse"/> it came in.</summary>
public abstract class VerilockEntity
{
    /// <summary>The exchange this object was read from; null for objects nested in another or built by hand.</summary>
    [JsonIgnore]
    public VerilockResponse? Response { get; internal set; }
}
