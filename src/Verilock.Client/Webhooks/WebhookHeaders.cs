namespace Verilock.Client;

/// <summary>The headers of a webhook delivery (spec §12.3).</summary>
public static class WebhookHeaders
{
    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]</c>: the header <see cref="WebhookSignature.Verify(string, string?, string, TimeSpan)"/> checks.</summary>
    public const string SignatureV2 = "X-Verilock-Signature-V2";

    /// <summary>The older signature: hex HMAC of the body alone, without a timestamp (replayable; prefer V2).</summary>
    public const string Signature = "X-Verilock-Signature";

    /// <summary>Unix seconds of this attempt (the V2 <c>t</c>).</summary>
    public const string Timestamp = "X-Verilock-Timestamp";

    /// <summary>The event name.</summary>
    public const string Event = "X-Verilock-Event";

    /// <summary>1, 2, … (resends continue the count).</summary>
    public const string DeliveryAttempt = "X-Verilock-Delivery-Attempt";
}
