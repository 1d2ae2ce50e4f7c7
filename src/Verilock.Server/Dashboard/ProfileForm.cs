using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verilock.Domain.Accounts;
using Verilock.Domain.Sessions;
using Verilock.Server.Api;
using Verilock.Server.Profiles;

namespace Verilock.Server.Dashboard;

/// <summary>
/// The dashboard's profile form. Its fields are turned into the API's JSON body and read by <see cref="ProfileRequest"/>,
/// so the form and <c>POST</c>/<c>PATCH /profiles</c> refuse exactly the same values with the same messages.
/// </summary>
public sealed class ProfileForm
{
    public string? Name { get; set; }
    public List<string> Steps { get; set; } = [];
    public string? LivenessMode { get; set; } = "passive";
    public string? LivenessThreshold { get; set; } = ProfileSettings.DefaultLivenessThreshold.ToString(CultureInfo.InvariantCulture);
    public List<string> LivenessChallenges { get; set; } = [.. ProfileSettings.AllChallenges];
    public List<string> DocumentTypes { get; set; } = [.. ProfileSettings.AllDocumentTypes];
    public string? AmlThreshold { get; set; }
    public bool FaceDuplicateCheck { get; set; }

    public static ProfileForm From(VerificationProfile profile) => new()
    {
        Name = profile.Name,
        Steps = profile.Settings.Steps.Select(s => s.ToWire()).ToList(),
        LivenessMode = profile.Settings.LivenessMode,
        LivenessThreshold = profile.Settings.LivenessThreshold.ToString(CultureInfo.InvariantCulture),
        LivenessChallenges = [.. profile.Settings.LivenessChallenges],
        DocumentTypes = [.. profile.Settings.DocumentTypes],
        AmlThreshold = profile.Settings.AmlThreshold?.ToString(CultureInfo.InvariantCulture),
        FaceDuplicateCheck = profile.Settings.FaceDuplicateCheck,
    };

    /// <summary>
    /// The request, or null with <paramref name="errors"/> filled. A form sends every field: an empty threshold is the
    /// default (new) or back to the server's (<c>aml_threshold: null</c>, on a change), and no box ticked is an empty list.
    /// </summary>
    public ProfileRequest? Read(ValidationErrors errors, VerificationProfile? current = null)
    {
        var body = new JsonObject
        {
            ["name"] = Name ?? "",
            ["steps"] = Strings(Steps),
            ["liveness_mode"] = string.IsNullOrWhiteSpace(LivenessMode) ? null : LivenessMode,
            ["liveness_challenges"] = Strings(LivenessChallenges),
            ["document_types"] = Strings(DocumentTypes),
            ["face_duplicate_check"] = FaceDuplicateCheck,
        };
        if (Number(LivenessThreshold) is { } threshold)
            body["liveness_threshold"] = threshold;
        if (Number(AmlThreshold) is { } aml)
            body["aml_threshold"] = aml;
        else if (current is not null)
            body["aml_threshold"] = null;
        using var document = JsonDocument.Parse(body.ToJsonString());
        return ProfileRequest.Read(new JsonFields(document.RootElement, errors), current);
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>A number as JSON when the text is one; other text stays a string, which the reader refuses by name.</summary>
    private static JsonNode? Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Trim();
        return decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture))
            : JsonValue.Create(trimmed);
    }
}
