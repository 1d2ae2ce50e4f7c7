namespace Verilock.Infrastructure;

/// <summary>
/// Start-up stops on purpose: the state or settings found would be unsafe or cannot work (pending migrations the
/// server was told not to apply, development settings beside live keys). The message is for the operator and says
/// what to do; the command line prints it alone, without a stack trace.
/// </summary>
public sealed class StartupRefusedException(string message) : Exception(message);
