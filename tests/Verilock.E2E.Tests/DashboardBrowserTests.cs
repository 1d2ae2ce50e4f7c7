using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Verilock.E2E.Tests;

/// <summary>The operator dashboard in a real browser against a real server. Every page visited is saved as a screenshot.</summary>
public sealed class DashboardBrowserTests(BrowserServer server, Chromium chromium) : IClassFixture<BrowserServer>, IClassFixture<Chromium>
{
    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    private async Task<IPage> SignedInAsync()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(Url("/dashboard/login"));
        await page.GetByLabel("Email").FillAsync(BrowserServer.OperatorEmail);
        await page.GetByLabel("Password").FillAsync(BrowserServer.OperatorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/dashboard/sessions$"));
        // The account's data is in test mode (sandbox sessions); the dashboard opens in live mode.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to test mode" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Test mode: you are looking at sandbox data.")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task An_operator_signs_in_and_a_wrong_password_is_explained()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(Url("/dashboard"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the dashboard" })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "01-login");

        await page.GetByLabel("Email").FillAsync(BrowserServer.OperatorEmail);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sign-in failed. Check your email and password.");
        await Chromium.ScreenshotAsync(page, "02-login-failed");

        await page.GetByLabel("Password").FillAsync(BrowserServer.OperatorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions", Exact = true })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "03-sessions-live");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard/login$"));
    }

    [Fact]
    public async Task The_login_form_works_with_the_keyboard_alone_in_a_logical_order_with_visible_focus()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(Url("/dashboard/login"));
        // The page opens with the email field focused; the fields follow it, then the button.
        Assert.Equal("email", await FocusedAsync(page));
        await page.Keyboard.TypeAsync(BrowserServer.OperatorEmail);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await FocusedAsync(page));
        await page.Keyboard.TypeAsync(BrowserServer.OperatorPassword);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Sign in", await FocusedAsync(page));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        // Backwards from the form: the language switch, the header, and the skip link first on the page.
        var before = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            before.Add(await FocusedAsync(page));
        }
        Assert.Equal(["password", "email", "Français", "English", "Verilock", "Skip to content"], before);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "04a-login-skip-link-focused");
        for (var i = 0; i < 6; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Sign in", await FocusedAsync(page));
        await Chromium.ScreenshotAsync(page, "04-login-keyboard-focus");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard/sessions$"));
    }

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.textContent.trim()");

    [Fact]
    public async Task An_operator_approves_a_session_from_the_review_queue()
    {
        var id = await server.SessionInReviewAsync("Jeanne");
        var page = await SignedInAsync();
        await Chromium.ScreenshotAsync(page, "05-sessions-test");

        await page.GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = id })).ToContainTextAsync("Face match inconclusive");
        await Chromium.ScreenshotAsync(page, "06-review-queue");

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = id }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Risk breakdown" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Document front" })).ToBeVisibleAsync();
        // Images load lazily (an image scrolled past unseen is not fetched, so not recorded as viewed): bring it into view.
        var front = page.GetByRole(AriaRole.Img, new() { Name = "Document front" });
        await front.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(front).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await front.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await page.GetByRole(AriaRole.Img, new() { Name = "Selfie" }).ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Selfie" })).ToHaveJSPropertyAsync("complete", true);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Chromium.ScreenshotAsync(page, "07-session-in-review");

        await page.GetByLabel("Reason (optional, shown to the integrator as decision_reason)").FillAsync("Face compared by hand with the passport photo.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The session was approved." })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "08-session-approved");

        var session = await server.GetSessionAsync(id);
        Assert.Equal("approved", (string?)session["status"]);
        Assert.Equal("Face compared by hand with the passport photo.", (string?)session["decision_reason"]);
        Assert.StartsWith("op_", (string?)session["decided_by"]);

        await page.GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        await Assertions.Expect(page.GetByText(id)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_new_api_key_is_shown_once()
    {
        var page = await SignedInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Chromium.ScreenshotAsync(page, "09-api-keys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a test key" }).ClickAsync();
        var key = (await page.GetByTestId("new-key").TextContentAsync())!.Trim();
        Assert.Matches("^qi_test_[0-9a-f]{48}$", key);
        await Chromium.ScreenshotAsync(page, "10-api-key-created");

        await page.GotoAsync(Url("/dashboard/keys"));
        await Assertions.Expect(page.GetByTestId("new-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = key[..16] + "…" })).ToBeVisibleAsync();

        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        Assert.True((await client.GetAsync("/api/v1/sessions")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task An_operator_adds_changes_and_deletes_a_profile_and_a_bad_value_is_explained()
    {
        var page = await SignedInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Profiles" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verification profiles" })).ToBeVisibleAsync();
        var name = "Browser " + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("document", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("selfie", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("liveness", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Mode", new() { Exact = true }).SelectOptionAsync("active");
        await page.GetByLabel("Threshold (0–100)").FillAsync("101");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The liveness_threshold must be between 0 and 100.");
        await Chromium.ScreenshotAsync(page, "20-profile-refused");

        await page.GetByLabel("Threshold (0–100)").FillAsync("85");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The profile was created." })).ToBeVisibleAsync();
        var id = new Regex("/dashboard/profiles/([0-9a-f-]{36})").Match(page.Url).Groups[1].Value;
        var created = await server.Api.GetFromJsonAsync<JsonNode>($"/api/v1/profiles/{id}");
        Assert.Equal(name, (string?)created!["name"]);
        Assert.Equal("active", (string?)created["liveness_mode"]);
        Assert.Equal(85, (int)created["liveness_threshold"]!);
        await Chromium.ScreenshotAsync(page, "21-profile-created");

        await page.GetByLabel("Name").FillAsync(name + " v2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The profile was saved." })).ToBeVisibleAsync();
        Assert.Equal(name + " v2", (string?)(await server.Api.GetFromJsonAsync<JsonNode>($"/api/v1/profiles/{id}"))!["name"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The profile was deleted." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name + " v2" })).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await server.Api.GetAsync($"/api/v1/profiles/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_other_pages_render_and_french_is_one_click_away()
    {
        await server.SessionInReviewAsync("Marie");
        var page = await SignedInAsync();
        foreach (var (link, heading, shot) in new[]
        {
            ("AML screenings", "AML screenings", "11-aml"),
            ("Webhooks", "Webhook endpoints", "12-webhooks"),
        })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            await Chromium.ScreenshotAsync(page, shot);
        }
        await page.GetByLabel("URL").FillAsync("http://127.0.0.1:9/hook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Its signing secret is shown once")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "13-webhook-created");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delivery log" }).ClickAsync();
        await Chromium.ScreenshotAsync(page, "14-deliveries");

        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Journal des envois" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sessions", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Marie REVIEW" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Marie REVIEW" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Détail du risque" })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "15-session-french");
        await page.GotoAsync(Url("/dashboard/sessions/ses_00000000-0000-4000-8000-000000000000"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "16-not-found-french");
    }
}
