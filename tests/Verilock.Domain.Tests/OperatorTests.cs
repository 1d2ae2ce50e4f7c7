using Verilock.Domain.Operators;

namespace Verilock.Domain.Tests;

public sealed class OperatorTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 0, 0, DateTimeKind.Utc);

    private static Operator NewOperator() => new() { Email = "ops@example.com", PasswordHash = "x", CreatedAt = Now };

    [Fact]
    public void The_fifth_failed_login_in_a_row_locks_for_fifteen_minutes()
    {
        var op = NewOperator();
        for (var i = 0; i < 4; i++)
            op.RecordFailedLogin(Now);
        Assert.False(op.IsLockedOut(Now));
        op.RecordFailedLogin(Now);
        Assert.True(op.IsLockedOut(Now));
        Assert.True(op.IsLockedOut(Now.AddMinutes(15).AddSeconds(-1)));
        Assert.False(op.IsLockedOut(Now.AddMinutes(15)));
    }

    [Fact]
    public void A_success_resets_the_count_and_an_expired_lockout_starts_a_fresh_one()
    {
        var op = NewOperator();
        for (var i = 0; i < 4; i++)
            op.RecordFailedLogin(Now);
        op.RecordSuccessfulLogin(Now);
        op.RecordFailedLogin(Now);
        Assert.Equal(1, op.FailedLogins);

        for (var i = 0; i < 4; i++)
            op.RecordFailedLogin(Now);
        Assert.True(op.IsLockedOut(Now));
        op.RecordFailedLogin(Now.AddMinutes(5)); // while locked: not counted, lockout not extended
        Assert.False(op.IsLockedOut(Now.AddMinutes(15)));

        op.RecordFailedLogin(Now.AddMinutes(16));
        Assert.False(op.IsLockedOut(Now.AddMinutes(16)));
        Assert.Equal(1, op.FailedLogins);
    }

    [Fact]
    public void Emails_compare_without_case_and_the_display_id_hides_the_email()
    {
        Assert.Equal("ops@example.com", Operator.NormaliseEmail("  Ops@Example.COM "));
        var op = NewOperator();
        Assert.Matches("^op_[0-9a-f]{12}$", op.DisplayId);
    }
}
