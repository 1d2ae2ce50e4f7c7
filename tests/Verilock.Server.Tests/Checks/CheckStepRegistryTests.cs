using Microsoft.Extensions.DependencyInjection;
using Verilock.Domain.Checks;
using Verilock.Domain.Sessions;
using Verilock.Server.Checks;
using Verilock.Server.Dashboard.Pages.Sessions;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Checks;

/// <summary>
/// Adding a <see cref="VerificationStep"/> is a short list of files (docs/architecture.md, "How to add a check step");
/// the compiler points to none of the registrations, so this does: every step has its Domain descriptor and exactly
/// one registered <see cref="ICheckStep"/> (its live runner and sandbox outcome), and the dashboard panel it names exists.
/// </summary>
public sealed class CheckStepRegistryTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    public static TheoryData<VerificationStep> Steps => new(Enum.GetValues<VerificationStep>());

    [Theory]
    [MemberData(nameof(Steps))]
    public void Every_step_has_a_descriptor(VerificationStep step) =>
        Assert.Equal(step, StepDescriptors.For(step).Step);

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Every_step_has_one_registered_runner_with_its_sandbox_outcome(VerificationStep step)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var runners = scope.ServiceProvider.GetServices<ICheckStep>().Where(s => s.Step == step).ToList();
        Assert.Single(runners);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Every_steps_dashboard_panel_exists(VerificationStep step)
    {
        // StepPanels.For has no default arm, so a new step must name its panel (or null: the checks table only).
        if (StepPanels.For(step) is not { } panel)
            return;
        var view = Path.Combine(Repository.Root, "src", "Verilock.Server", "Dashboard", "Pages", "Sessions", panel.View + ".cshtml");
        Assert.True(File.Exists(view), $"{step.ToWire()} names the dashboard panel {panel.View}, which does not exist");
    }
}
