using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Verilock.Checks.Samples;

namespace Verilock.E2E.Tests;

/// <summary>
/// The applicant's hosted flow (spec §13) in a real browser on a phone-sized screen: the upload path, the camera
/// path on Chromium's fake camera, a retake after a bad photo, and dead links. Every screen is saved as a screenshot.
/// </summary>
public sealed class HostedFlowBrowserTests(BrowserServer server, Chromium chromium) : IClassFixture<BrowserServer>, IClassFixture<Chromium>
{
    private static readonly byte[] Passport = DocumentPhotographer.Photograph(SampleDocuments.All[1], PhotoCondition.Clean);

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private static async Task<IPage> PhoneAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "en-GB",
        });
        return await context.NewPageAsync();
    }

    private Task<JsonNode> SessionAsync(string[] steps, string? redirect = null) => server.CreateSessionAsync(new
    {
        steps,
        applicant = new { first_name = "Erika", last_name = "Mustermann" },
        redirect_url = redirect,
    });

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name });

    private static Task UploadAsync(IPage page, string name, byte[] image) =>
        page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/jpeg", Buffer = image });

    private static async Task ConsentAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(Heading(page, "Verify your identity")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Please tick the box to continue.");
        await Chromium.ScreenshotAsync(page, screenshot);
        await page.GetByLabel("I agree that my document and face images are processed to verify my identity.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
    }

    [Fact]
    public async Task An_applicant_completes_the_flow_by_uploading_photos_and_returns_to_the_integrator()
    {
        var created = await SessionAsync(["document", "selfie", "face_match", "liveness"], Url("/healthz?from=flow"));
        var id = (string)created["id"]!;
        var page = await PhoneAsync(chromium.Browser);
        await page.GotoAsync((string)created["session_url"]!);
        await ConsentAsync(page, "flow-01-welcome-consent-needed");

        await Assertions.Expect(Heading(page, "Which document will you use?")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "flow-02-document-type");
        await page.GetByRole(AriaRole.Button, new() { Name = "Passport" }).ClickAsync();

        // Headless Chromium has no camera: the page says so and offers the file picker.
        await Assertions.Expect(Heading(page, "Passport photo page")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The camera is not available. Upload a photo of the document instead.");
        await Chromium.ScreenshotAsync(page, "flow-03-passport-no-camera");
        await UploadAsync(page, "passport.jpg", Passport);
        await Assertions.Expect(page.GetByText("Photo received.")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Chromium.ScreenshotAsync(page, "flow-04-passport-received");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(Heading(page, "Take a selfie")).ToBeVisibleAsync();
        await UploadAsync(page, "selfie.jpg", KnownFaces.Holder.Selfie());
        await Assertions.Expect(page.GetByText("Photo received.")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Chromium.ScreenshotAsync(page, "flow-05-selfie-received");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(Heading(page, "Checking your identity")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "flow-06-checking");
        await Assertions.Expect(Heading(page, "Thank you. Your identity has been verified.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Chromium.ScreenshotAsync(page, "flow-07-approved");
        await page.WaitForURLAsync(new Regex($"/healthz\\?from=flow&session_id={id}&status=approved$"), new() { Timeout = 10_000 });

        var session = await server.GetSessionAsync(id);
        Assert.Equal("approved", (string?)session["status"]);
        Assert.NotNull((string?)session["consent_given_at"]);
        Assert.Equal("passport", (string?)session["documents"]![0]!["type"]);
    }

    [Fact]
    public async Task A_bad_photo_is_flagged_at_once_and_can_be_retaken()
    {
        var created = await SessionAsync(["document"]);
        var page = await PhoneAsync(chromium.Browser);
        await page.GotoAsync((string)created["session_url"]!);
        await page.GetByLabel("I agree that my document and face images are processed to verify my identity.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Passport" }).ClickAsync();

        // A photo cut off in transfer: the server cannot decode it.
        await UploadAsync(page, "cut.jpg", Passport[..4000]);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This file could not be read. Take a new photo.", new() { Timeout = 20_000 });
        await Chromium.ScreenshotAsync(page, "flow-10-unreadable");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retake" }).ClickAsync();

        // A photo of the desk, not the document: no machine-readable zone on it.
        await UploadAsync(page, "desk.jpg", Blank());
        await Assertions.Expect(page.Locator(".problems li").First)
            .ToHaveTextAsync("We could not find the machine-readable lines (the rows of <<<). Photograph the whole page, flat and in focus.", new() { Timeout = 20_000 });
        await Chromium.ScreenshotAsync(page, "flow-11-no-mrz-retake");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retake" }).ClickAsync();

        await Assertions.Expect(Heading(page, "Passport photo page")).ToBeVisibleAsync();
        await UploadAsync(page, "passport.jpg", Passport);
        await Assertions.Expect(page.GetByText("Photo received.")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Chromium.ScreenshotAsync(page, "flow-12-retake-accepted");
    }

    [Fact]
    public async Task The_camera_path_captures_the_document_from_the_live_camera()
    {
        var video = TestVideo.FromImage(Passport, Path.Combine(Path.GetTempPath(), $"verilock-passport-{Guid.NewGuid():N}.y4m"));
        await using var browser = await chromium.LaunchWithFakeCameraAsync(video);
        try
        {
            var created = await SessionAsync(["document"]);
            var page = await PhoneAsync(browser);
            await page.Context.GrantPermissionsAsync(["camera"], new() { Origin = server.BaseAddress.ToString().TrimEnd('/') });
            await page.GotoAsync((string)created["session_url"]!);
            await page.GetByLabel("I agree that my document and face images are processed to verify my identity.").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Passport" }).ClickAsync();

            var shutter = page.GetByRole(AriaRole.Button, new() { Name = "Take photo" });
            await Assertions.Expect(shutter).ToBeEnabledAsync(new() { Timeout = 15_000 });
            await page.WaitForTimeoutAsync(500);
            await Chromium.ScreenshotAsync(page, "flow-20-camera");
            await shutter.ClickAsync();
            // The frame the camera gave was read for real: its machine-readable zone was found.
            await Assertions.Expect(page.GetByText("Photo received.")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Chromium.ScreenshotAsync(page, "flow-21-camera-received");
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Assertions.Expect(Heading(page, "Thank you. Your identity has been verified.")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            var session = await server.GetSessionAsync((string)created["id"]!);
            Assert.Equal("image/jpeg", (string?)session["documents"]![0]!["media"]!["front"]!["content_type"]);
        }
        finally
        {
            File.Delete(video);
        }
    }

    [Fact]
    public async Task Expired_and_unknown_links_explain_themselves_in_the_applicants_language()
    {
        var created = await SessionAsync(["document"]);
        await server.ExpireAsync((string)created["id"]!);
        var page = await PhoneAsync(chromium.Browser);
        await page.GotoAsync((string)created["session_url"]!);
        await Assertions.Expect(Heading(page, "This verification link has expired.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ask the company that sent you the link for a new one.")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "flow-30-expired");

        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await Assertions.Expect(Heading(page, "Ce lien de vérification a expiré.")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "flow-31-expired-fr");

        var unknown = await page.GotoAsync(Url("/verify/tok_" + new string('x', 43)));
        Assert.Equal(404, unknown!.Status);
        await Assertions.Expect(Heading(page, "This verification link is not valid. Check that you opened the whole link you were sent.")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "flow-32-unknown");
    }

    private static byte[] Blank()
    {
        using var bitmap = new SkiaSharp.SKBitmap(1200, 800);
        bitmap.Erase(new SkiaSharp.SKColor(200, 190, 170));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
