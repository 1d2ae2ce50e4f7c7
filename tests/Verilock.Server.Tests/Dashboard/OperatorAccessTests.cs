using System.Net;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Domain.Common;
using Verilock.Domain.Operators;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Dashboard;

/// <summary>
/// Taking dashboard access away: <c>operators disable|enable|password</c> run as real command-line processes against
/// the test server's database, a suspended account, and failed sign-ins counted atomically under parallel attempts.
/// </summary>
public abstract class OperatorAccessTests(ApiFixture api) : ApiTests(api)
{
    private const string NewPassword = "a brand new long password";

    private async Task<(ApiFixture.Caller Caller, string Email, DashboardBrowser Browser)> SignedInAsync()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        await browser.GetAsync("/dashboard/sessions");
        return (caller, email, browser);
    }

    private Task<(int Exit, string[] Lines, string Error)> CliAsync(string? input, params string[] args) =>
        CliProcess.RunAgainstAsync(Api, input, args);

    /// <summary>Lets the session check's cache run out, as the seconds after a change on another process do.</summary>
    private void AfterTheCache() => Api.Clock.Advance(OperatorSessionCheck.CacheLifetime + TimeSpan.FromSeconds(1));

    private static async Task AssertSentToSignInAsync(DashboardBrowser browser)
    {
        var response = await browser.GetResponseAsync("/dashboard/sessions");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/dashboard/login", response.Headers.Location!.ToString());
    }

    private static async Task AssertSignInRefusedAsync(DashboardBrowser browser, string email, string password = DashboardBrowser.Password)
    {
        var response = await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Sign-in failed.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabling_an_operator_ends_their_session_within_seconds_and_enabling_lets_them_sign_in_again()
    {
        var (caller, email, browser) = await SignedInAsync();
        using var _ = browser;

        var (exit, lines, error) = await CliAsync(null, "operators", "disable", "--account", caller.AccountName, "--email", email.ToUpperInvariant());
        Assert.True(exit == 0, error);
        Assert.Contains(lines, line => line.Contains("Disabled operator") && line.Contains(email));
        AfterTheCache();
        await AssertSentToSignInAsync(browser);
        // Refused with the very answer a wrong password gets, so the form does not tell that the operator exists.
        await AssertSignInRefusedAsync(browser, email);
        var stored = await Api.WithDbAsync(db => db.Operators.AsNoTracking().SingleAsync(o => o.Email == email));
        Assert.True(stored.Disabled);
        Assert.Equal(0, stored.FailedLogins);

        var (enableExit, _, enableError) = await CliAsync(null, "operators", "enable", "--account", caller.AccountName, "--email", email);
        Assert.True(enableExit == 0, enableError);
        await browser.SignInOrFailAsync(email);
        await browser.GetAsync("/dashboard/sessions");
    }

    [Fact]
    public async Task A_new_password_from_standard_input_ends_the_session_and_only_it_signs_in()
    {
        var (caller, email, browser) = await SignedInAsync();
        using var _ = browser;

        var (shortExit, _, shortError) = await CliAsync("too short", "operators", "password", "--account", caller.AccountName, "--email", email);
        Assert.Equal(2, shortExit);
        Assert.Contains("at least 12 characters", shortError);
        var (noneExit, _, noneError) = await CliAsync(null, "operators", "password", "--account", caller.AccountName, "--email", email);
        Assert.Equal(2, noneExit);
        Assert.Contains("standard input", noneError);
        AfterTheCache();
        await browser.GetAsync("/dashboard/sessions"); // refused changes end nothing

        var (exit, lines, error) = await CliAsync(NewPassword, "operators", "password", "--account", caller.AccountName, "--email", email);
        Assert.True(exit == 0, error);
        Assert.DoesNotContain(lines, line => line.Contains(NewPassword));
        AfterTheCache();
        await AssertSentToSignInAsync(browser);
        await AssertSignInRefusedAsync(browser, email);
        var response = await browser.SignInAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await browser.GetAsync("/dashboard/sessions");
    }

    [Fact]
    public async Task Suspending_the_account_ends_its_operators_sessions_and_refuses_their_sign_in()
    {
        var (caller, email, browser) = await SignedInAsync();
        using var _ = browser;

        await Api.WithDbAsync(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == caller.AccountId);
            account.Status = AccountStatus.Suspended;
            return await db.SaveChangesAsync();
        });
        AfterTheCache();
        await AssertSentToSignInAsync(browser);
        await AssertSignInRefusedAsync(browser, email);
    }

    [Fact]
    public async Task The_command_line_names_an_unknown_account_or_email_and_changes_nothing()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var other = await Api.NewCallerAsync();

        var (noAccount, _, noAccountError) = await CliAsync(null, "operators", "disable", "--account", "no-such-account-" + Guid.NewGuid().ToString("N"), "--email", email);
        Assert.Equal(1, noAccount);
        Assert.Contains("No account is named 'no-such-account-", noAccountError);
        // The right email under the wrong account is not found: --account is checked, not just a label.
        var (wrongAccount, _, wrongAccountError) = await CliAsync(NewPassword, "operators", "password", "--account", other.AccountName, "--email", email);
        Assert.Equal(1, wrongAccount);
        Assert.Contains($"Account '{other.AccountName}' has no operator with that email.", wrongAccountError);
        var (noEmail, _, noEmailError) = await CliAsync(null, "operators", "enable", "--account", caller.AccountName, "--email", "nobody@example.com");
        Assert.Equal(1, noEmail);
        Assert.Contains("has no operator with that email", noEmailError);

        using var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
    }

    [Fact]
    public async Task Parallel_wrong_passwords_are_each_counted_and_lock_the_operator_at_the_threshold()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var now = Api.Clock.UtcSeconds();

        // One fewer than the threshold, all at once: a read-modify-write count would lose some of them.
        await WrongPasswordsAtOnceAsync(email, Operator.MaxFailedLogins - 1);
        var before = await StoredAsync(email);
        Assert.Equal(Operator.MaxFailedLogins - 1, before.FailedLogins);
        Assert.Null(before.LockedUntil);

        await WrongPasswordsAtOnceAsync(email, 20 - (Operator.MaxFailedLogins - 1));
        var after = await StoredAsync(email);
        Assert.Equal(20, after.FailedLogins);
        Assert.Equal(now + Operator.LockoutDuration, after.LockedUntil);
        using var browser = new DashboardBrowser(Api);
        await AssertSignInRefusedAsync(browser, email);
    }

    [Fact]
    public async Task A_new_password_ends_a_lockout_so_the_operator_signs_in_at_once()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        await WrongPasswordsAtOnceAsync(email, Operator.MaxFailedLogins);
        Assert.NotNull((await StoredAsync(email)).LockedUntil);
        using var browser = new DashboardBrowser(Api);
        await AssertSignInRefusedAsync(browser, email); // locked: even the right password is refused

        var (exit, _, error) = await CliAsync(NewPassword, "operators", "password", "--account", caller.AccountName, "--email", email);
        Assert.True(exit == 0, error);
        var reset = await StoredAsync(email);
        Assert.Equal(0, reset.FailedLogins);
        Assert.Null(reset.LockedUntil);
        var response = await browser.SignInAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<Operator> StoredAsync(string email) =>
        Api.WithDbAsync(db => db.Operators.AsNoTracking().SingleAsync(o => o.Email == email));

    private async Task WrongPasswordsAtOnceAsync(string email, int count)
    {
        var browsers = Enumerable.Range(0, count).Select(_ => new DashboardBrowser(Api)).ToList();
        try
        {
            var forms = new List<string>();
            foreach (var browser in browsers)
                forms.Add(await browser.GetAsync("/dashboard/login"));
            var responses = await Task.WhenAll(browsers.Select((browser, i) =>
                browser.PostFormAsync("/dashboard/login", forms[i], ("email", email), ("password", "not the password at all"))));
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        }
        finally
        {
            browsers.ForEach(browser => browser.Dispose());
        }
    }
}

public sealed class OperatorAccessTestsOnSqlite(SqliteApiFixture api) : OperatorAccessTests(api), IClassFixture<SqliteApiFixture>;

public sealed class OperatorAccessTestsOnPostgres(PostgresApiFixture api) : OperatorAccessTests(api), IClassFixture<PostgresApiFixture>;
