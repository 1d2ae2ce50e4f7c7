using System.Text.Json;
using System.Text.Json.Nodes;
using Verilock.Checks.Documents;
using Verilock.Checks.Faces;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Checks;

namespace Verilock.Server.Verify;

/// <summary>
/// The hosted flow's immediate word on a photo (issue 7: "no MRZ found, blurred, glare" with a retake button):
/// the same reader the checks use looks at the upload at once, so the applicant can retake it while still holding
/// the document instead of failing minutes later. Advice only: the applicant may keep the photo, and the checks
/// decide as always. Without its models (a server not set up; <c>/readyz</c> says so) it gives no advice rather
/// than failing the upload.
/// </summary>
public sealed class UploadFeedback(MediaStore media, CheckModels models, DocumentReaderOptions readerOptions, TimeProvider time)
{
    private static readonly Verdict NoAdvice = new([]);

    /// <param name="Problems">
    /// Codes the page translates: <c>no_mrz</c>, <c>no_barcode</c> (a driving licence's back), <c>blurred</c>, <c>glare</c>, <c>unreadable</c>, <c>no_face</c>,
    /// <c>several_faces</c>, <c>too_dark</c>, <c>face_unclear</c>.
    /// </param>
    public sealed record Verdict(IReadOnlyList<string> Problems)
    {
        /// <summary>The API's object with <c>feedback</c> added, so the flow sees exactly what an integrator would, plus advice.</summary>
        public IResult Answer<T>(T body)
        {
            var json = JsonSerializer.SerializeToNode(body, ApiJson.Options)!.AsObject();
            json["feedback"] = new JsonObject { ["problems"] = new JsonArray(Problems.Select(p => (JsonNode)p).ToArray()) };
            return Results.Json(json, ApiJson.Options);
        }
    }

    /// <summary>Below this sharpness (variance of the Laplacian at working scale) text is smeared: see <see cref="ImageQuality"/>.</summary>
    public const double BlurredBelow = 60;

    /// <summary>Above this share of blown-out pixels, a reflection is likely covering print.</summary>
    public const double GlareAbove = 0.03;

    public async Task<Verdict> ForDocumentAsync(SessionDocument document, DocumentSide side, CancellationToken cancellationToken)
    {
        var stored = document.Side(side);
        var bytes = stored is null ? null : await media.ReadAsync(stored.StorageKey, cancellationToken);
        if (bytes is null)
            return new Verdict(["unreadable"]);
        if (models.TryOcr(out _) is not { } reader)
            return NoAdvice;
        // The side that should carry the machine-readable data: an MRZ, or on North-American cards the PDF417
        // barcode (spec §15). A licence is checked for its barcode first, as the document step does.
        var carriesCode = CarriesMrz(document.Type, side);
        var licence = document.Type == "driving_license";
        if (licence && carriesCode && HasLicenceBarcode(bytes))
            return new Verdict([]);
        var read = reader.Read(bytes, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (read.Outcome == DocumentReadOutcome.MrzRead)
            return new Verdict([]);
        if (read.Outcome == DocumentReadOutcome.UnreadableImage)
            return new Verdict(["unreadable"]);
        var nothingFound = read.Outcome == DocumentReadOutcome.NoMrzFound && carriesCode;
        if (nothingFound && !licence && document.Type != "passport" && HasLicenceBarcode(bytes))
            return new Verdict([]);
        var problems = new List<string>();
        if (nothingFound)
            problems.Add(licence ? "no_barcode" : "no_mrz");
        if (read.Quality is { } quality)
        {
            if (quality.Sharpness < BlurredBelow)
                problems.Add("blurred");
            if (quality.GlareFraction > GlareAbove)
                problems.Add("glare");
        }
        return new Verdict(problems);
    }

    private bool HasLicenceBarcode(byte[] bytes) => LicenceBarcodeReader.Read(bytes, readerOptions.Limits) is not null;

    /// <summary>A selfie: exactly one face, passing the same quality gates as the selfie check.</summary>
    public async Task<Verdict> ForSelfieAsync(SessionSelfie selfie, CancellationToken cancellationToken)
    {
        var bytes = await media.ReadAsync(selfie.Media.StorageKey, cancellationToken);
        if (bytes is null)
            return new Verdict(["unreadable"]);
        if (models.TryFaces(out _) is not { } faces)
            return NoAdvice;
        var analysis = faces.AnalyzeSelfie(bytes, withLiveness: false);
        if (analysis.Problem is not null)
            return new Verdict(["unreadable"]);
        return analysis.FaceCount switch
        {
            0 => new Verdict(["no_face"]),
            > 1 => new Verdict(["several_faces"]),
            _ => new Verdict(analysis.Issues.Select(SelfieProblem).Distinct().ToList()),
        };
    }

    /// <summary>The page explains blur and darkness like a document's; the other gates ask for a clearer face.</summary>
    private static string SelfieProblem(string issue) => issue switch
    {
        FaceIssues.TooBlurred => "blurred",
        FaceIssues.TooDark => "too_dark",
        _ => "face_unclear",
    };

    /// <summary>Passports carry the MRZ on the photo page (the front); cards their MRZ or barcode on the back.</summary>
    private static bool CarriesMrz(string? type, DocumentSide side) =>
        type == "passport" ? side == DocumentSide.Front : side == DocumentSide.Back || !SessionDocument.NeedsBack(type);
}
