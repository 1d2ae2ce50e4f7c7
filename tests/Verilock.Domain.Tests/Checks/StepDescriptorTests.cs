using Verilock.Domain.Checks;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Tests.Checks;

/// <summary>Adding a step to <see cref="VerificationStep"/> without registering it fails here, before anything runs.</summary>
public class StepDescriptorTests
{
    [Fact]
    public void Every_step_has_exactly_one_descriptor_in_the_canonical_order()
    {
        Assert.Equal(Enum.GetValues<VerificationStep>(), StepDescriptors.All.Select(d => d.Step));
        foreach (var step in Enum.GetValues<VerificationStep>())
            Assert.Equal(step, StepDescriptors.For(step).Step);
    }

    [Fact]
    public void Each_descriptor_names_a_details_record_of_its_own()
    {
        var types = StepDescriptors.All.Select(d => d.DetailsType).ToList();
        Assert.All(types, type => Assert.True(type.IsSubclassOf(typeof(StepDetails)), $"{type.Name} is not a StepDetails record."));
        Assert.Equal(types.Count, types.Distinct().Count());
    }

    [Fact]
    public void The_risk_components_are_the_spec_list_with_its_default_weights_in_its_order()
    {
        var rules = StepDescriptors.All.SelectMany(d => d.Risk).OrderBy(r => r.Position).ToList();
        Assert.Equal(
            [("document_authenticity", 0.25), ("face_match", 0.20), ("liveness", 0.15), ("aml_screening", 0.15), ("data_consistency", 0.10)],
            rules.Select(r => (r.Name, r.DefaultWeight)));
        Assert.Equal(Enumerable.Range(0, rules.Count), rules.Select(r => r.Position));
    }
}
