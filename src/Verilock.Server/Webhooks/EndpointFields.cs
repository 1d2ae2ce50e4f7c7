using Verilock.Server.Api;

namespace Verilock.Server.Webhooks;

/// <summary>Reads the writable endpoint fields shared by create and update (spec §12.1), recording 422s.</summary>
public static class EndpointFields
{
    public static string? Url(JsonFields fields, bool liveMode, WebhookOptions options)
    {
        var url = fields.String("url", WebhookTargets.MaxUrlLength);
        if (url is null)
            return null;
        var problem = WebhookTargets.Problem(url, liveMode, options);
        if (problem is null)
            return url;
        fields.Errors.Add("url", problem);
        return null;
    }

    /// <summary>Distinct names in the order given; <c>*</c> anywhere subscribes to everything.</summary>
    public static List<string>? Events(JsonFields fields)
    {
        var events = fields.Choices("events", WebhookEvents.Subscribable);
        if (events is null)
            return null;
        return events.Contains(WebhookEvents.All) ? [WebhookEvents.All] : events.Distinct(StringComparer.Ordinal).ToList();
    }

    public static string? Description(JsonFields fields) => fields.String("description", 1000);
}
