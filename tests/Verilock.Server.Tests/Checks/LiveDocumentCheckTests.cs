using System.Net;
using SkiaSharp;
using Verilock.Checks.Samples;
using Verilock.Domain.Tests.Licences;
using Verilock.Server.Tests.Dashboard;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>
/// Live keys run the real document check (spec §9): the MRZ is read from rendered document photos by the
/// OCR-B model, validated, compared with the applicant, and the session decided through the job queue.
/// </summary>
public abstract class LiveDocumentCheckTests(ApiFixture api) : ApiTests(api)
{
    private static readonly SampleDocument Erika = SampleDocuments.All[1];

    private const string ErikaApplicant =
        "\"applicant\":{\"first_name\":\"Erika\",\"last_name\":\"Mustermann\",\"date_of_birth\":\"1983-08-12\",\"nationality\":\"DE\"}";

    private async Task<(ApiFixture.Caller Caller, string Id)> SubmitAsync(
        string applicant, string type, byte[] front, byte[]? back = null, string steps = """["document"]""")
    {
        var caller = await Api.NewCallerAsync(live: true);
        var id = await CreateAsync(caller.Client, $$"""{"steps":{{steps}},{{applicant}}}""");
        var parts = new List<(string, object, string?)> { File("front", front), Field("type", type) };
        if (back is not null)
            parts.Add(File("back", back));
        await (await caller.Client.PostDocumentAsync(id, parts.ToArray())).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));
        return (caller, id);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> SessionAsync(ApiFixture.Caller caller, string id) =>
        await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_photographed_passport_is_read_validated_and_approved()
    {
        var (caller, id) = await SubmitAsync(ErikaApplicant, "passport", DocumentPhotographer.Photograph(Erika, PhotoCondition.Skewed),
            steps: """["document","aml"]""");
        var session = await SessionAsync(caller, id);
        Assert.Equal("approved", (string?)session["status"]);
        var document = session["results"]!["document"]!;
        Assert.Equal("approved", (string?)document["status"]);
        Assert.InRange((double)document["score"]!, 0.8, 1.0);
        Assert.Equal(
            """{"document_type":"passport","document_number":"C01X00T47","issuing_country":"DE","nationality":"DE","surname":"MUSTERMANN","given_names":"ERIKA","date_of_birth":"1983-08-12","sex":"F","expiry_date":"2031-10-31","mrz_valid":true,"check_digits":{"document_number":true,"date_of_birth":true,"expiry_date":true,"composite":true},"document_expired":false,"data_consistency":{"name_match":true,"dob_match":true,"nationality_match":true},"source":"mrz","barcode":null}""",
            document["details"]!.ToJsonString());
        // The AML step screened the name read from the document.
        var screeningId = (string?)session["results"]!["aml"]!["details"]!["screening_id"];
        var screening = await (await caller.Client.GetAsync($"/api/v1/aml/screen/{screeningId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("MUSTERMANN", (string?)screening["query"]!["last_name"]);
    }

    [Fact]
    public async Task An_id_card_is_read_from_its_back_when_the_front_has_no_zone()
    {
        var card = SampleDocuments.All[4];
        var (caller, id) = await SubmitAsync(
            "\"applicant\":{\"first_name\":\"Zoé\",\"last_name\":\"Bois de la Fontaine\",\"nationality\":\"FR\"}", "id_card",
            front: Blank(), back: DocumentPhotographer.Photograph(card, PhotoCondition.Clean));
        var session = await SessionAsync(caller, id);
        Assert.Equal("approved", (string?)session["status"]);
        var details = session["results"]!["document"]!["details"]!;
        Assert.Equal("X5B8IO021", (string?)details["document_number"]);
        Assert.Equal("BOIS DE LA FONTAINE", (string?)details["surname"]);
        Assert.Equal("""{"name_match":true,"dob_match":null,"nationality_match":true}""", details["data_consistency"]!.ToJsonString());
    }

    [Fact]
    public async Task An_expired_document_is_declined()
    {
        var expired = Erika with { ExpiryDate = new DateOnly(2025, 10, 31) };
        var (caller, id) = await SubmitAsync(ErikaApplicant, "passport", DocumentPhotographer.Photograph(expired, PhotoCondition.Clean));
        var session = await SessionAsync(caller, id);
        Assert.Equal("declined", (string?)session["status"]);
        var details = session["results"]!["document"]!["details"]!;
        Assert.True((bool)details["document_expired"]!);
        Assert.True((bool)details["mrz_valid"]!);
        Assert.Equal("2025-10-31", (string?)details["expiry_date"]);
    }

    [Fact]
    public async Task Data_that_contradicts_the_applicant_goes_to_review()
    {
        var (caller, id) = await SubmitAsync(
            "\"applicant\":{\"first_name\":\"Erika\",\"last_name\":\"Mustermann\",\"date_of_birth\":\"1983-08-13\"}", "passport",
            DocumentPhotographer.Photograph(Erika, PhotoCondition.Clean));
        var session = await SessionAsync(caller, id);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Equal("review", (string?)session["decision"]);
        Assert.Equal(["data_mismatch"], session["review_reasons"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("pending", (string?)session["results"]!["document"]!["status"]);
        Assert.Equal("""{"name_match":true,"dob_match":false,"nationality_match":null}""",
            session["results"]!["document"]!["details"]!["data_consistency"]!.ToJsonString());
        var risk = await (await caller.Client.GetAsync($"{Sessions}/{id}/risk")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(50, (int)risk["components"]!["data_consistency"]!["score"]!);
    }

    [Fact]
    public async Task A_photo_without_a_zone_goes_to_review_with_mrz_not_found()
    {
        var (caller, id) = await SubmitAsync(ErikaApplicant, "passport", Blank());
        var session = await SessionAsync(caller, id);
        Assert.Equal("review", (string?)session["decision"]);
        Assert.Equal(["mrz_not_found", "risk_high"], session["review_reasons"]!.AsArray().Select(r => (string?)r));
        var document = session["results"]!["document"]!;
        Assert.Equal("pending", (string?)document["status"]);
        Assert.Null(document["details"]!["document_number"]);
        Assert.False((bool)document["details"]!["mrz_valid"]!);
    }

    [Fact]
    public async Task A_zone_whose_check_digit_fails_goes_to_review_showing_which_failed_and_the_operator_sees_the_text()
    {
        // The document number's check digit (line 2, position 10) printed one off: the zone is found and read, the
        // check fails. A confident read of it is no proof of forgery, so a person decides.
        var lines = Erika.MrzLines.ToArray();
        var wrongDigit = (char)('0' + (lines[1][9] - '0' + 1) % 10);
        lines[1] = lines[1][..9] + wrongDigit + lines[1][10..];
        var misprinted = Erika with { PrintedZone = lines };
        var (caller, id) = await SubmitAsync(ErikaApplicant, "passport", DocumentPhotographer.Photograph(misprinted, PhotoCondition.Clean));

        var session = await SessionAsync(caller, id);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Equal("review", (string?)session["decision"]);
        Assert.Contains("mrz_low_confidence", session["review_reasons"]!.AsArray().Select(r => (string?)r));
        var document = session["results"]!["document"]!;
        Assert.Equal("pending", (string?)document["status"]);
        Assert.InRange((double)document["score"]!, 0, 0.5);
        var details = document["details"]!;
        Assert.False((bool)details["mrz_valid"]!);
        Assert.Equal("""{"document_number":false,"date_of_birth":true,"expiry_date":true,"composite":false}""", details["check_digits"]!.ToJsonString());
        Assert.Equal("MUSTERMANN", (string?)details["surname"]);
        // The text read is for the operator only: never on the wire.
        Assert.DoesNotContain("mrz_text", details.ToJsonString());
        Assert.DoesNotContain("<<", session.ToJsonString());

        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        var page = await browser.GetAsync($"/dashboard/sessions/{id}");
        Assert.Contains("Zone as read", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(lines[1]), page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(lines[0]), page);
    }

    [Fact]
    public async Task Files_that_cannot_be_decoded_decline_the_step_without_an_error()
    {
        var truncated = DocumentPhotographer.Photograph(Erika, PhotoCondition.Blurred)[..3000];
        var (caller, id) = await SubmitAsync(ErikaApplicant, "passport", truncated);
        Assert.Equal("declined", (string?)(await SessionAsync(caller, id))["status"]);

        var (caller2, id2) = await SubmitAsync(ErikaApplicant, "passport", HugePngHeader());
        var session = await SessionAsync(caller2, id2);
        Assert.Equal("declined", (string?)session["status"]);
        Assert.Equal("declined", (string?)session["results"]!["document"]!["status"]);
    }

    /// <summary>
    /// The 1 MiB PDF whose image inflates to 1 GiB: the step is declined exactly as for a file that cannot be decoded,
    /// and the check does not inflate it (it cost about 3 GB of allocations before the decoders were bounded).
    /// </summary>
    [Fact]
    public async Task A_pdf_that_inflates_to_a_gibibyte_declines_the_step_like_any_unreadable_file()
    {
        var bomb = DecompressionBombs.Pdf(DecompressionBombs.GiB);
        var truncated = DocumentPhotographer.Photograph(Erika, PhotoCondition.Clean)[..3000];

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (caller, id) = await SubmitAsync(ErikaApplicant, "passport", bomb);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var (otherCaller, otherId) = await SubmitAsync(ErikaApplicant, "passport", truncated);

        // Process-wide, so other test classes running alongside count too; inflating the bomb alone would be 3 GB.
        Assert.True(allocated < 1024L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB");
        var session = await SessionAsync(caller, id);
        Assert.Equal("declined", (string?)session["status"]);
        Assert.Equal(
            """{"status":"declined","score":0,"details":{"document_type":"passport","document_number":null,"issuing_country":null,"nationality":null,"surname":null,"given_names":null,"date_of_birth":null,"sex":null,"expiry_date":null,"mrz_valid":false,"check_digits":{"document_number":null,"date_of_birth":null,"expiry_date":null,"composite":null},"document_expired":false,"data_consistency":{"name_match":null,"dob_match":null,"nationality_match":null},"source":null,"barcode":null}}""",
            session["results"]!["document"]!.ToJsonString());
        var unreadable = await SessionAsync(otherCaller, otherId);
        Assert.Equal(unreadable["results"]!["document"]!.ToJsonString(), session["results"]!["document"]!.ToJsonString());
        Assert.Equal(unreadable["review_reasons"]!.ToJsonString(), session["review_reasons"]!.ToJsonString());
    }

    private const string AnnaApplicant =
        "\"applicant\":{\"first_name\":\"Anna\",\"last_name\":\"Martinez\",\"date_of_birth\":\"1985-08-31\",\"nationality\":\"US\"}";

    [Fact]
    public async Task A_driving_licence_is_read_from_its_barcode_and_approved()
    {
        var (caller, id) = await SubmitAsync(AnnaApplicant, "driving_license", Blank(),
            LicenceBackPhotographer.Photograph(AamvaSamples.CaliforniaV10()), steps: """["document","aml"]""");
        var session = await SessionAsync(caller, id);
        Assert.Equal("approved", (string?)session["status"]);
        Assert.Equal(
            """{"status":"approved","score":0.95,"details":{"document_type":"driving_license","document_number":"D1234567","issuing_country":"US","nationality":null,"surname":"MARTINEZ","given_names":"ANNA MARIE","date_of_birth":"1985-08-31","sex":"F","expiry_date":"2029-08-31","mrz_valid":null,"check_digits":null,"document_expired":false,"data_consistency":{"name_match":true,"dob_match":true,"nationality_match":null},"source":"pdf417","barcode":{"format":"aamva","aamva_version":10,"jurisdiction":"CA","issuer_id":"636014"}}}""",
            session["results"]!["document"]!.ToJsonString());
        // The AML step screened the holder the barcode names.
        var screeningId = (string?)session["results"]!["aml"]!["details"]!["screening_id"];
        var screening = await (await caller.Client.GetAsync($"/api/v1/aml/screen/{screeningId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("MARTINEZ", "1985-08-31"), ((string?)screening["query"]!["last_name"], (string?)screening["query"]!["date_of_birth"]));
    }

    [Fact]
    public async Task A_state_id_card_without_a_zone_is_read_from_its_barcode()
    {
        var applicant = "\"applicant\":{\"first_name\":\"Sean\",\"last_name\":\"O'Brien\"}";
        var (caller, id) = await SubmitAsync(applicant, "id_card", Blank(), LicenceBackPhotographer.Photograph(AamvaSamples.VirginiaIdV8(), sideways: false));
        var session = await SessionAsync(caller, id);
        Assert.Equal("approved", (string?)session["status"]);
        var details = session["results"]!["document"]!["details"]!;
        Assert.Equal(("id_card", "pdf417", "O'BRIEN", "VA"),
            ((string?)details["document_type"], (string?)details["source"], (string?)details["surname"], (string?)details["barcode"]!["jurisdiction"]));
        Assert.Equal("""{"name_match":true,"dob_match":null,"nationality_match":null}""", details["data_consistency"]!.ToJsonString());
    }

    [Fact]
    public async Task An_expired_licence_is_declined()
    {
        // Valid through the day before the fixture's clock.
        var expired = AamvaSamples.Build("ANSI ", "636014", "1001", "DL",
            ["DAQD7654321", "DCSMARTINEZ", "DACANNA", "DADNONE", "DBA03142026", "DBB08311985", "DBD03142018", "DBC2", "DAJCA", "DCGUSA"]);
        var (caller, id) = await SubmitAsync(AnnaApplicant, "driving_license", Blank(), LicenceBackPhotographer.Photograph(expired));
        var session = await SessionAsync(caller, id);
        Assert.Equal("declined", (string?)session["status"]);
        var document = session["results"]!["document"]!;
        Assert.Equal(("declined", true, "2026-03-14"),
            ((string?)document["status"], (bool)document["details"]!["document_expired"]!, (string?)document["details"]!["expiry_date"]));
    }

    [Fact]
    public async Task A_licence_naming_someone_else_goes_to_review_with_data_mismatch()
    {
        var other = "\"applicant\":{\"first_name\":\"Anna\",\"last_name\":\"Smith\",\"date_of_birth\":\"1985-08-31\"}";
        var (caller, id) = await SubmitAsync(other, "driving_license", Blank(), LicenceBackPhotographer.Photograph(AamvaSamples.CaliforniaV10()));
        var session = await SessionAsync(caller, id);
        Assert.Equal("review", (string?)session["decision"]);
        Assert.Contains("data_mismatch", session["review_reasons"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("pending", (string?)session["results"]!["document"]!["status"]);
        Assert.Equal("""{"name_match":false,"dob_match":true,"nationality_match":null}""",
            session["results"]!["document"]!["details"]!["data_consistency"]!.ToJsonString());
    }

    [Fact]
    public async Task A_licence_whose_back_has_no_barcode_goes_to_review_with_nothing_read()
    {
        var (caller, id) = await SubmitAsync(AnnaApplicant, "driving_license", Blank(), Blank());
        var session = await SessionAsync(caller, id);
        Assert.Equal("review", (string?)session["decision"]);
        Assert.Contains("mrz_not_found", session["review_reasons"]!.AsArray().Select(r => (string?)r));
        var details = session["results"]!["document"]!["details"]!;
        Assert.Equal((null, null, null), ((string?)details["source"], details["barcode"], (string?)details["document_number"]));
    }

    /// <summary>A real photo of an empty desk: decodes fine, holds no document.</summary>
    private static byte[] Blank()
    {
        using var bitmap = new SKBitmap(1200, 800);
        bitmap.Erase(new SKColor(200, 190, 170));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>A PNG whose header declares 50,000 × 50,000 pixels (10 GB decoded) with almost no data behind it.</summary>
    private static byte[] HugePngHeader()
    {
        var png = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        byte[] ihdr = [0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50, 8, 2, 0, 0, 0];
        png.AddRange(ihdr);
        png.AddRange(new byte[4]); // CRC, deliberately wrong: the size is refused before it matters
        png.AddRange(new byte[100]);
        return png.ToArray();
    }
}

public sealed class LiveDocumentCheckTestsOnSqlite(SqliteApiFixture api) : LiveDocumentCheckTests(api), IClassFixture<SqliteApiFixture>;

public sealed class LiveDocumentCheckTestsOnPostgres(PostgresApiFixture api) : LiveDocumentCheckTests(api), IClassFixture<PostgresApiFixture>;
