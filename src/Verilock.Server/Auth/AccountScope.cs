namespace Verilock.Server.Auth;

/// <summary>
/// Whose data a request may see: one account in one mode (spec §2.1). API keys carry it; a dashboard operator
/// has their account and the mode they switched to. Lookups filter by it, so a foreign id is simply not found.
/// </summary>
public readonly record struct AccountScope(Guid AccountId, bool LiveMode);
