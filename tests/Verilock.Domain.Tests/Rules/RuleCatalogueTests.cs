using Verilock.Domain.Rules;
using static Verilock.Domain.Tests.Rules.RuleTestData;

namespace Verilock.Domain.Tests.Rules;

public class RuleCatalogueTests
{
    [Theory]
    [InlineData("risk_score", "gte", "50")]
    [InlineData("risk_score", "in", "[10, 20]")]
    [InlineData("risk_level", "eq", "\"critical\"")]
    [InlineData("document.type", "in", "[\"passport\", \"id_card\"]")]
    [InlineData("document.issuing_country", "eq", "\"FR\"")]
    [InlineData("document.expired", "eq", "true")]
    [InlineData("face_match.similarity", "lt", "0.8")]
    [InlineData("liveness.score", "gte", "0.5")]
    [InlineData("aml.status", "eq", "\"match\"")]
    [InlineData("aml.highest_score", "gt", "0.9")]
    [InlineData("person.age", "lt", "18")]
    [InlineData("person.nationality", "not_in", "[\"FR\", \"DE\"]")]
    [InlineData("session.steps", "contains", "\"aml\"")]
    [InlineData("metadata.channel", "eq", "\"web\"")]
    [InlineData("metadata.amount", "gte", "1000")]
    [InlineData("metadata.tier", "contains", "\"gold\"")]
    [InlineData("face_match.similarity", "is_null", null)]
    [InlineData("metadata.x", "is_not_null", null)]
    public void Conditions_that_fit_the_catalogue_have_no_problem(string field, string op, string? value) =>
        Assert.Null(RuleCatalogue.Problem(C(field, op, value)));

    [Theory]
    [InlineData("risk", "eq", "1", "field")]
    [InlineData("metadata.", "eq", "1", "field")]
    [InlineData("risk_score", "like", "1", "operator")]
    [InlineData("risk_score", "contains", "\"1\"", "operator")]
    [InlineData("risk_level", "gt", "\"low\"", "operator")]
    [InlineData("document.expired", "in", "[true]", "operator")]
    [InlineData("session.steps", "eq", "\"aml\"", "operator")]
    [InlineData("risk_score", "gt", "\"50\"", "value")]
    [InlineData("risk_score", "gt", "101", "value")]
    [InlineData("face_match.similarity", "gte", "1.5", "value")]
    [InlineData("risk_score", "in", "50", "value")]
    [InlineData("risk_score", "in", "[]", "value")]
    [InlineData("risk_score", "in", "[1, \"2\"]", "value")]
    [InlineData("risk_score", "eq", null, "value")]
    [InlineData("risk_score", "is_null", "1", "value")]
    [InlineData("risk_level", "eq", "\"severe\"", "value")]
    [InlineData("aml.status", "eq", "\"potential_match\"", "value")]
    [InlineData("document.expired", "eq", "\"true\"", "value")]
    [InlineData("person.nationality", "eq", "\"fr\"", "value")]
    [InlineData("session.steps", "contains", "\"passport\"", "value")]
    [InlineData("metadata.amount", "gt", "\"1000\"", "value")]
    [InlineData("metadata.tier", "contains", "5", "value")]
    [InlineData("metadata.tier", "eq", "{}", "value")]
    public void Each_kind_of_bad_condition_is_named_by_its_part(string field, string op, string? value, string part) =>
        Assert.Equal(part, RuleCatalogue.Problem(C(field, op, value))?.Part);
}
