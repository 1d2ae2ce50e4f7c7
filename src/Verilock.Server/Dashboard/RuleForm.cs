using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verilock.Domain.Rules;
using Verilock.Server.Api;
using Verilock.Server.Rules;

namespace Verilock.Server.Dashboard;

/// <summary>
/// The dashboard's rule form: a fixed number of condition rows (no script). Its fields become the API's JSON body and
/// are read by <see cref="RuleRequest"/>, so the form and <c>POST</c>/<c>PATCH /orchestration/rules</c> refuse the same
/// values with the same messages. Rows without a field are left out; the others are numbered from 0 in order.
/// </summary>
public sealed class RuleForm
{
    public const int Rows = 5;

    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Priority { get; set; } = "0";
    public bool Enabled { get; set; } = true;
    public string? Action { get; set; } = RuleAction.Review;
    public string? Reason { get; set; }
    public bool AllowOverrideDecline { get; set; }
    public List<ConditionRow> Conditions { get; set; } = [];

    public sealed class ConditionRow
    {
        public string? Field { get; set; }
        public string? Operator { get; set; }

        /// <summary>As JSON (<c>18</c>, <c>true</c>, <c>["FR","DE"]</c>, <c>"web"</c>), or plain text for a string.</summary>
        public string? Value { get; set; }
    }

    /// <summary>The rows to show: the given ones, then empty rows up to <see cref="Rows"/>.</summary>
    public IReadOnlyList<ConditionRow> ShownRows() =>
        [.. Conditions, .. Enumerable.Range(0, Math.Max(0, Rows - Conditions.Count)).Select(_ => new ConditionRow())];

    public static RuleForm From(Rule rule) => new()
    {
        Name = rule.Name,
        Description = rule.Description,
        Priority = rule.Priority.ToString(CultureInfo.InvariantCulture),
        Enabled = rule.Enabled,
        Action = rule.Action.Type,
        Reason = rule.Action.Reason,
        AllowOverrideDecline = rule.AllowOverrideDecline,
        Conditions = rule.Conditions.Select(c => new ConditionRow
        {
            Field = c.Field,
            Operator = c.Operator,
            Value = c.Value?.GetRawText(),
        }).ToList(),
    };

    /// <summary>The rule, or null with <paramref name="errors"/> filled; a form sends every field.</summary>
    public RuleDefinition? Read(ValidationErrors errors)
    {
        var conditions = new JsonArray();
        foreach (var row in Conditions.Where(r => !string.IsNullOrWhiteSpace(r.Field)))
        {
            var condition = new JsonObject { ["field"] = row.Field!.Trim(), ["operator"] = row.Operator?.Trim() ?? "" };
            if (!string.IsNullOrWhiteSpace(row.Value))
                condition["value"] = Value(row.Value.Trim());
            conditions.Add(condition);
        }
        var body = new JsonObject
        {
            ["name"] = Name ?? "",
            ["description"] = string.IsNullOrWhiteSpace(Description) ? null : Description,
            ["enabled"] = Enabled,
            ["conditions"] = conditions,
            ["action"] = new JsonObject { ["type"] = Action ?? "", ["reason"] = string.IsNullOrWhiteSpace(Reason) ? null : Reason },
            ["allow_override_decline"] = AllowOverrideDecline,
        };
        body["priority"] = long.TryParse(Priority?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
            ? priority
            : Priority?.Trim();
        using var document = JsonDocument.Parse(body.ToJsonString());
        return RuleRequest.Read(new JsonFields(document.RootElement, errors));
    }

    /// <summary>JSON when the text is JSON, else the text as a string (so <c>FR</c> and <c>"FR"</c> mean the same).</summary>
    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
