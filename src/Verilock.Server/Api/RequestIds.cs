using System.Security.Cryptography;

namespace Verilock.Server.Api;

/// <summary><c>X-Request-Id</c> on every response (spec §1): the client's valid value echoed, else <c>req_&lt;32 hex&gt;</c>.</summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    public static Task AssignAsync(HttpContext context, RequestDelegate next)
    {
        var presented = context.Request.Headers[Header].ToString();
        var id = IsValid(presented) ? presented : "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        return next(context);
    }

    private static bool IsValid(string value) =>
        value.Length is >= 1 and <= 128 &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
