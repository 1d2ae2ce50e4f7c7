using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Verilock.Domain.Checks;

namespace Verilock.Server.Dashboard;

/// <summary>
/// The risk breakdown as a server-drawn SVG bar chart: one bar per component (its 0–100 score, coloured by the
/// level that score alone would have) and one for the composite. No script, no chart library, no inline style
/// (the content security policy forbids it): colours come from classes in the stylesheet.
/// </summary>
public static class RiskChart
{
    private const int Width = 640;
    private const int LabelWidth = 190;
    private const int BarHeight = 22;
    private const int RowHeight = 34;
    private const int ValueWidth = 60;
    private const int TrackWidth = Width - LabelWidth - ValueWidth;

    public static IHtmlContent Render(RiskAssessment risk, IStringLocalizer t)
    {
        var bars = risk.Components.Select(c => (Name: c.Name, Score: c.Score)).Append((Name: "composite_score", Score: risk.CompositeScore)).ToList();
        var html = HtmlEncoder.Default;
        var title = html.Encode(t["Risk breakdown"]);
        var description = html.Encode(string.Join("; ", bars.Select(b => $"{t[b.Name].Value}: {b.Score}/100")));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg class="risk-chart" viewBox="0 0 {Width} {bars.Count * RowHeight + 8}" role="img" aria-labelledby="risk-title risk-desc">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="risk-title">{title}</title><desc id="risk-desc">{description}</desc>""");
        for (var i = 0; i < bars.Count; i++)
        {
            var (name, score) = bars[i];
            var y = i * RowHeight + 4;
            var length = TrackWidth * Math.Clamp(score, 0, 100) / 100.0;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="{y + 15}">{html.Encode(t[name])}</text>""");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="track" x="{LabelWidth}" y="{y}" width="{TrackWidth}" height="{BarHeight}" rx="3"/>""");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="bar-{RiskCalculator.Level(score)}" x="{LabelWidth}" y="{y}" width="{length:0.#}" height="{BarHeight}" rx="3"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - ValueWidth + 8}" y="{y + 15}">{score}</text>""");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
