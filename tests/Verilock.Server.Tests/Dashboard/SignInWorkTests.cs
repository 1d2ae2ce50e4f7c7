using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Domain.Accounts;
using Verilock.Domain.Operators;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Dashboard;

/// <summary>
/// Every refused sign-in does the work a wrong password does — one PBKDF2 verification with the server's own
/// settings — so its timing cannot tell an unknown email or a locked-out operator from a wrong password. Counted,
/// not timed: a timing assertion would fail on a busy machine, while a missing verification is what would make the
/// answer measurably quicker.
/// </summary>
public sealed class SignInWorkTests(SignInWorkTests.CountingHasherFixture api) : ApiTests(api), IClassFixture<SignInWorkTests.CountingHasherFixture>
{
    /// <summary>The server's hasher, recording the hash each verification was made against.</summary>
    public sealed class CountingHasher : PasswordHasher<Operator>
    {
        public ConcurrentQueue<string> Verified { get; } = new();

        public override PasswordVerificationResult VerifyHashedPassword(Operator user, string hashedPassword, string providedPassword)
        {
            Verified.Enqueue(hashedPassword);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class CountingHasherFixture() : ApiFixture(new SqliteTestDatabase())
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<PasswordHasher<Operator>>(Hasher);
    }

    private CountingHasher Hasher => ((CountingHasherFixture)Api).Hasher;

    /// <summary>The hashes verified while one sign-in is answered (tests in a class run one at a time).</summary>
    private async Task<string[]> VerifiedDuringAsync(string email, string password, HttpStatusCode expected)
    {
        using var browser = new DashboardBrowser(Api);
        var form = await browser.GetAsync("/dashboard/login");
        Hasher.Verified.Clear();
        var response = await browser.PostFormAsync("/dashboard/login", form, ("email", email), ("password", password));
        Assert.Equal(expected, response.StatusCode);
        return Hasher.Verified.ToArray();
    }

    /// <summary>What a PBKDF2 hash from ASP.NET Core Identity's v3 format says about its cost: format, PRF and iteration count.</summary>
    private static byte[] CostHeader(string hash) => Convert.FromBase64String(hash)[..9];

    [Fact]
    public async Task Unknown_email_wrong_password_locked_disabled_and_suspended_each_verify_one_hash_of_the_same_cost()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var real = await Api.WithDbAsync(db => db.Operators.AsNoTracking().Where(o => o.Email == email).Select(o => o.PasswordHash).SingleAsync());

        var wrong = await VerifiedDuringAsync(email, "not the password at all", HttpStatusCode.Unauthorized);
        Assert.Equal([real], wrong);

        var unknown = await VerifiedDuringAsync("nobody-" + Guid.NewGuid().ToString("N") + "@example.com", "whatever it is", HttpStatusCode.Unauthorized);
        var decoy = Assert.Single(unknown);
        Assert.NotEqual(real, decoy);
        Assert.Equal(CostHeader(real), CostHeader(decoy));

        for (var i = 1; i < Operator.MaxFailedLogins; i++)
            await VerifiedDuringAsync(email, "not the password at all", HttpStatusCode.Unauthorized);
        // Locked now: even the right password is refused, after the decoy rather than the operator's own hash.
        var locked = await VerifiedDuringAsync(email, DashboardBrowser.Password, HttpStatusCode.Unauthorized);
        Assert.Equal([decoy], locked);

        var other = await Api.NewCallerAsync();
        var disabledEmail = await DashboardBrowser.NewOperatorAsync(Api, other.AccountName);
        await Api.WithDbAsync(async db =>
        {
            (await db.Operators.SingleAsync(o => o.Email == disabledEmail)).Disable();
            return await db.SaveChangesAsync();
        });
        Assert.Single(await VerifiedDuringAsync(disabledEmail, DashboardBrowser.Password, HttpStatusCode.Unauthorized));

        var suspended = await Api.NewCallerAsync();
        var suspendedEmail = await DashboardBrowser.NewOperatorAsync(Api, suspended.AccountName);
        await Api.WithDbAsync(async db =>
        {
            (await db.Accounts.SingleAsync(a => a.Id == suspended.AccountId)).Status = AccountStatus.Suspended;
            return await db.SaveChangesAsync();
        });
        Assert.Single(await VerifiedDuringAsync(suspendedEmail, DashboardBrowser.Password, HttpStatusCode.Unauthorized));

        // And the right password on an active operator: one verification too, and in.
        var fine = await Api.NewCallerAsync();
        var fineEmail = await DashboardBrowser.NewOperatorAsync(Api, fine.AccountName);
        Assert.Single(await VerifiedDuringAsync(fineEmail, DashboardBrowser.Password, HttpStatusCode.Redirect));
    }
}
