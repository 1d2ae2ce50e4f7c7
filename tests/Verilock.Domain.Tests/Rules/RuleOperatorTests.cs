using Verilock.Domain.Rules;
using static Verilock.Domain.Tests.Rules.RuleTestData;

namespace Verilock.Domain.Tests.Rules;

public class RuleOperatorTests
{
    private static readonly RuleFacts Sample = new(new Dictionary<string, object>
    {
        ["risk_score"] = 62m,
        ["risk_level"] = "high",
        ["document.expired"] = false,
        ["person.nationality"] = "FR",
        ["session.steps"] = new[] { "document", "selfie" },
    }, new Dictionary<string, object?>
    {
        ["tier"] = System.Text.Json.JsonDocument.Parse("\"gold\"").RootElement.Clone(),
        ["orders"] = System.Text.Json.JsonDocument.Parse("12").RootElement.Clone(),
        ["vip"] = true,
    });

    [Theory]
    [InlineData("risk_score", "eq", "62", true)]
    [InlineData("risk_score", "eq", "62.0", true)]
    [InlineData("risk_score", "eq", "61", false)]
    [InlineData("risk_score", "neq", "61", true)]
    [InlineData("risk_score", "neq", "62", false)]
    [InlineData("risk_score", "gt", "61", true)]
    [InlineData("risk_score", "gt", "62", false)]
    [InlineData("risk_score", "gte", "62", true)]
    [InlineData("risk_score", "gte", "63", false)]
    [InlineData("risk_score", "lt", "63", true)]
    [InlineData("risk_score", "lt", "62", false)]
    [InlineData("risk_score", "lte", "62", true)]
    [InlineData("risk_score", "lte", "61", false)]
    [InlineData("risk_score", "in", "[10, 62]", true)]
    [InlineData("risk_score", "in", "[10, 61]", false)]
    [InlineData("risk_score", "not_in", "[10, 61]", true)]
    [InlineData("risk_score", "not_in", "[62]", false)]
    [InlineData("risk_level", "eq", "\"high\"", true)]
    [InlineData("risk_level", "eq", "\"High\"", false)]
    [InlineData("risk_level", "in", "[\"high\", \"critical\"]", true)]
    [InlineData("risk_level", "not_in", "[\"high\", \"critical\"]", false)]
    [InlineData("document.expired", "eq", "false", true)]
    [InlineData("document.expired", "neq", "false", false)]
    [InlineData("document.expired", "eq", "true", false)]
    [InlineData("person.nationality", "in", "[\"DE\", \"FR\"]", true)]
    [InlineData("person.nationality", "not_in", "[\"DE\"]", true)]
    [InlineData("session.steps", "contains", "\"selfie\"", true)]
    [InlineData("session.steps", "contains", "\"aml\"", false)]
    [InlineData("metadata.tier", "eq", "\"gold\"", true)]
    [InlineData("metadata.tier", "contains", "\"ol\"", true)]
    [InlineData("metadata.tier", "contains", "\"x\"", false)]
    [InlineData("metadata.orders", "gt", "10", true)]
    [InlineData("metadata.orders", "lte", "11", false)]
    [InlineData("metadata.vip", "eq", "true", true)]
    [InlineData("metadata.vip", "in", "[true]", true)]
    public void Each_operator_compares_as_its_type_says(string field, string op, string value, bool holds) =>
        Assert.Equal(holds, RuleEngine.Holds(C(field, op, value), Sample));

    [Theory]
    [InlineData("metadata.tier", "gt", "1")]
    [InlineData("metadata.tier", "eq", "1")]
    [InlineData("metadata.tier", "neq", "1")]
    [InlineData("metadata.tier", "not_in", "[1, 2]")]
    [InlineData("metadata.orders", "eq", "\"12\"")]
    [InlineData("metadata.orders", "contains", "\"1\"")]
    [InlineData("metadata.vip", "neq", "\"yes\"")]
    public void A_value_of_another_type_matches_nothing_not_even_neq_or_not_in(string field, string op, string value) =>
        Assert.False(RuleEngine.Holds(C(field, op, value), Sample));

    [Theory]
    [InlineData("eq", "0.5")]
    [InlineData("neq", "0.5")]
    [InlineData("gt", "0")]
    [InlineData("gte", "0")]
    [InlineData("lt", "1")]
    [InlineData("lte", "1")]
    [InlineData("in", "[0.5]")]
    [InlineData("not_in", "[0.5]")]
    public void A_field_whose_step_did_not_run_matches_no_comparison(string op, string value) =>
        Assert.False(RuleEngine.Holds(C("face_match.similarity", op, value), Sample));

    [Fact]
    public void Only_is_null_and_is_not_null_see_a_missing_value()
    {
        Assert.True(RuleEngine.Holds(C("face_match.similarity", "is_null"), Sample));
        Assert.False(RuleEngine.Holds(C("face_match.similarity", "is_not_null"), Sample));
        Assert.True(RuleEngine.Holds(C("risk_score", "is_not_null"), Sample));
        Assert.False(RuleEngine.Holds(C("risk_score", "is_null"), Sample));
        Assert.True(RuleEngine.Holds(C("metadata.absent", "is_null"), Sample));
        Assert.False(RuleEngine.Holds(C("metadata.absent", "neq", "\"gold\""), Sample));
        Assert.False(RuleEngine.Holds(C("metadata.absent", "not_in", "[\"gold\"]"), Sample));
    }
}
