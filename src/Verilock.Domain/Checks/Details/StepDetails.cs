namespace Verilock.Domain.Checks.Details;

/// <summary>
/// The <c>details</c> of one step's result (spec §9): one record per step, typed here so risk and decision rules
/// read values rather than JSON keys. The wire shape is the record serialised by the API's JSON options (snake_case,
/// nulls written): property order is the spec's field order, and a property marked to be left out when null is a
/// field the spec shows only sometimes. Which record a step's results carry is its descriptor's
/// <see cref="StepDescriptor.DetailsType"/>.
/// </summary>
public abstract record StepDetails;
