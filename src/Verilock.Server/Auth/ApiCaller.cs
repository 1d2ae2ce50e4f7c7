namespace Verilock.Server.Auth;

/// <summary>Who is calling: the key's account and mode scope every read and write (spec §2.1).</summary>
public sealed record ApiCaller(Guid KeyId, Guid AccountId, bool LiveMode, string KeyPrefix, int? RateLimitPerMinute, bool AccountActive)
{
    /// <summary>A key sees exactly its own account and mode, so the API's handlers pass the caller where a scope is asked for.</summary>
    public static implicit operator AccountScope(ApiCaller caller) => new(caller.AccountId, caller.LiveMode);
}

public static class ApiCallerExtensions
{
    /// <summary>The authenticated caller; endpoints under <c>/api/v1</c> require one, so it is always there.</summary>
    public static ApiCaller Caller(this HttpContext context) =>
        context.Features.Get<ApiCaller>() ?? throw new InvalidOperationException("No authenticated API caller.");
}
