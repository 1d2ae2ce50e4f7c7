using Verilock.Domain.Operators;

namespace Verilock.Domain.Tests;

public sealed class OperatorTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 0, 0, DateTimeKind.Utc);

    private static Operator NewOperator()
    {
        var op = new Operator { Email = "ops@example.com", CreatedAt = Now };
        op.ChangePassword("x");
        return op;
    }

    [Fact]
    public void Disabling_or_a_new_password_changes_the_security_stamp_and_an_upgraded_hash_does_not()
    {
        var op = NewOperator();
        Assert.Matches("^[0-9a-f]{32}$", op.SecurityStamp);
        Assert.NotEqual(NewOperator().SecurityStamp, op.SecurityStamp);

        var first = op.SecurityStamp;
        op.UpgradePasswordHash("y");
        Assert.Equal(first, op.SecurityStamp);
        op.ChangePassword("z");
        Assert.Equal("z", op.PasswordHash);
        var second = op.SecurityStamp;
        Assert.NotEqual(first, second);

        op.Disable();
        Assert.True(op.Disabled);
        Assert.NotEqual(second, op.SecurityStamp);
        var disabled = op.SecurityStamp;
        op.Enable();
        Assert.False(op.Disabled);
        Assert.Equal(disabled, op.SecurityStamp);
    }

    [Fact]
    public void Emails_compare_without_case_and_the_display_id_hides_the_email()
    {
        Assert.Equal("ops@example.com", Operator.NormaliseEmail("  Ops@Example.COM "));
        var op = NewOperator();
        Assert.Matches("^op_[0-9a-f]{12}$", op.DisplayId);
    }
}
