using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Aml;

/// <summary><c>/api/v1/aml/*</c> against the real UN and OFAC SDN snapshots.</summary>
public abstract partial class ScreeningApiTests : ApiTests
{
    protected ScreeningApiTests(ApiFixture api) : base(api)
    {
        if (RealListsApiFixture.Sanctions is null)
            Assert.Skip("The real list snapshots (../shared/data/sanctions) are not here.");
    }

    private const string Screen = AmlRequests.Screen;
    private const string Screenings = AmlRequests.Screenings;

    private static readonly string[] ScreeningKeys =
    [
        "id", "livemode", "status", "risk_level", "reference_id", "session_id", "query", "lists", "threshold", "highest_score",
        "matches_found", "matches", "decision", "monitoring_enabled", "monitoring_frequency", "last_monitoring_at", "is_monitoring_run",
        "parent_screening_id", "screened_at", "created_at",
    ];

    private static readonly string[] MatchKeys =
        ["entity_id", "list", "name", "matched_name", "score", "schema", "programs", "date_of_birth", "nationality", "reasons", "lists", "entity_type", "details"];

    private static readonly string[] DetailKeys = ["aka", "country", "date_of_birth", "programs", "source_url", "position", "active"];

    private static readonly string[] EventKeys =
        ["screening_id", "session_id", "reference_id", "status", "risk_level", "highest_score", "matches_found", "is_monitoring_run", "livemode"];

    /// <summary>On the UN list (DATAID 6907993, born 1971, DR Congo) and OFAC's SDN list (ent_num 15718).</summary>
    private const string Listed = """{"full_name":"Eric Badege","date_of_birth":"1971","nationality":"cd","reference_id":"usr_1"}""";

    private const string Unlisted = """{"full_name":"Patricia Lucas Wheeler","date_of_birth":"2002-07-14","nationality":"ET"}""";

    [Fact]
    public async Task A_listed_person_is_a_potential_match_with_the_spec_shape_location_and_events()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var response = await caller.Client.PostJsonAsync(Screen, Listed);
        var body = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(ScreeningKeys, body.Keys());
        var id = (string)body["id"]!;
        Assert.Matches(ScreeningId(), id);
        Assert.Equal($"/api/v1/aml/screen/{id}", response.Headers.Location!.OriginalString);
        Assert.True((bool)body["livemode"]!);
        Assert.Equal("potential_match", (string?)body["status"]);
        Assert.Equal("high", (string?)body["risk_level"]);
        Assert.Equal("usr_1", (string?)body["reference_id"]);
        Assert.Null(body["session_id"]);
        Assert.Equal("""{"full_name":"Eric Badege","first_name":null,"last_name":null,"date_of_birth":"1971","nationality":"CD"}""", body["query"]!.ToJsonString());
        Assert.Equal(["us_ofac_sdn", "un_sc"], body["lists"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(0.8, (double)body["threshold"]!);
        var matches = body["matches"]!.AsArray();
        Assert.Equal(matches.Count, (int)body["matches_found"]!);
        Assert.Equal((double)matches[0]!["score"]!, (double)body["highest_score"]!);
        Assert.All(matches, m => Assert.Equal(MatchKeys, m!.Keys()));
        var un = matches.Single(m => (string?)m!["entity_id"] == "un_sc:6907993")!;
        Assert.Equal("un_sc", (string?)un["list"]);
        Assert.Equal("ERIC BADEGE", (string?)un["name"]);
        Assert.Equal("person", (string?)un["schema"]);
        Assert.Equal(["DRC"], un["programs"]!.AsArray().Select(p => (string)p!));
        Assert.Equal("1971", (string?)un["date_of_birth"]);
        Assert.Equal("CD", (string?)un["nationality"]);
        Assert.Equal(["name", "dob", "nationality"], un["reasons"]!.AsArray().Select(r => (string)r!));
        Assert.True((double)un["score"]! >= 0.95);
        // The V1 fields of spec §16.
        Assert.Equal(["UN Security Council"], un["lists"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("individual", (string?)un["entity_type"]);
        Assert.All(matches, m => Assert.Equal(DetailKeys, m!["details"]!.Keys()));
        var unDetails = un["details"]!;
        Assert.Equal("CD", (string?)unDetails["country"]);
        Assert.Equal("1971", (string?)unDetails["date_of_birth"]);
        Assert.Equal(["DRC"], unDetails["programs"]!.AsArray().Select(p => (string)p!));
        Assert.Equal("https://scsanctions.un.org/resources/xml/en/consolidated.xml", (string?)unDetails["source_url"]);
        Assert.Null(unDetails["position"]);
        Assert.Null(unDetails["active"]);
        Assert.DoesNotContain("ERIC BADEGE", unDetails["aka"]!.AsArray().Select(a => (string)a!));
        var ofac = matches.Single(m => (string?)m!["entity_id"] == "us_ofac_sdn:15718")!;
        Assert.Equal(["OFAC SDN"], ofac["lists"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("https://sanctionssearch.ofac.treas.gov/Details.aspx?id=15718", (string?)ofac["details"]!["source_url"]);
        Assert.Null(body["decision"]);
        Assert.False((bool)body["monitoring_enabled"]!);
        Assert.Equal("daily", (string?)body["monitoring_frequency"]);
        Assert.Null(body["last_monitoring_at"]);
        Assert.False((bool)body["is_monitoring_run"]!);
        Assert.Null(body["parent_screening_id"]);
        Assert.Equal(Api.NowText(), (string?)body["screened_at"]);
        Assert.Equal(Api.NowText(), (string?)body["created_at"]);

        var read = await (await caller.Client.GetAsync($"{Screen}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), read.ToJsonString());

        var events = await Api.ScreeningEventsAsync(id);
        Assert.Equal(["aml.completed", "aml.match_found"], events.Select(e => e.Type));
        Assert.Equal(EventKeys, events[0].Data.Keys());
        Assert.Equal(
            $$"""{"screening_id":"{{id}}","session_id":null,"reference_id":"usr_1","status":"potential_match","risk_level":"high","highest_score":{{body["highest_score"]!.ToJsonString()}},"matches_found":{{matches.Count}},"is_monitoring_run":false,"livemode":true}""",
            events[0].Data.ToJsonString());
        Assert.Equal([.. EventKeys, "matches"], events[1].Data.Keys());
        Assert.Equal(["entity_id", "list", "name", "matched_name", "score"], events[1].Data["matches"]![0]!.Keys());
        Assert.Equal(matches.Count, events[1].Data["matches"]!.AsArray().Count);
        Assert.All(events, e => Assert.Null(e.SessionId));
    }

    [Fact]
    public async Task An_unlisted_person_is_clear_and_emits_only_aml_completed()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var body = await caller.Client.ScreenAsync(Unlisted);
        Assert.Equal("clear", (string?)body["status"]);
        Assert.Equal("low", (string?)body["risk_level"]);
        Assert.Equal(0, (double)body["highest_score"]!);
        Assert.Equal(0, (int)body["matches_found"]!);
        Assert.Empty(body["matches"]!.AsArray());
        Assert.Equal(["aml.completed"], (await Api.ScreeningEventsAsync((string)body["id"]!)).Select(e => e.Type));
    }

    [Fact]
    public async Task Lists_threshold_name_alias_and_name_parts_are_honoured()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var unOnly = await caller.Client.ScreenAsync("""{"full_name":"Eric Badege","lists":["un_sc","un_sc"]}""");
        Assert.Equal(["un_sc"], unOnly["lists"]!.AsArray().Select(l => (string)l!));
        Assert.All(unOnly["matches"]!.AsArray(), m => Assert.Equal("un_sc", (string?)m!["list"]));

        var alias = await caller.Client.ScreenAsync("""{"name":"Eric Badege","threshold":0.9}""");
        Assert.Equal("Eric Badege", (string?)alias["query"]!["full_name"]);
        Assert.Equal(0.9, (double)alias["threshold"]!);
        Assert.All(alias["matches"]!.AsArray(), m => Assert.True((double)m!["score"]! >= 0.9));
        var fullNameWins = await caller.Client.ScreenAsync("""{"full_name":"Patricia Lucas Wheeler","name":"Eric Badege"}""");
        Assert.Equal("clear", (string?)fullNameWins["status"]);

        var parts = await caller.Client.ScreenAsync("""{"first_name":"Eric","last_name":"Badege"}""");
        Assert.Equal("""{"full_name":null,"first_name":"Eric","last_name":"Badege","date_of_birth":null,"nationality":null}""", parts["query"]!.ToJsonString());
        Assert.Equal("potential_match", (string?)parts["status"]);
        Assert.All(parts["matches"]!.AsArray(), m => Assert.Equal("person", (string?)m!["schema"]));

        var wrongBirth = await caller.Client.ScreenAsync("""{"full_name":"Eric Badege","date_of_birth":"1990-01-01","threshold":0.8}""");
        Assert.Equal("clear", (string?)wrongBirth["status"]); // birth years far apart lower the score ×0.7
    }

    [Theory]
    [InlineData("""{}""", "full_name")]
    [InlineData("""{"full_name":""}""", "full_name")]
    [InlineData("""{"full_name":"   "}""", "full_name")]
    [InlineData("""{"full_name":"X"}""", "full_name")]
    [InlineData("""{"full_name":"John 😀 Smith"}""", "full_name")]
    [InlineData("""{"full_name":"Иван Smith"}""", "full_name")]
    [InlineData("""{"full_name":42}""", "full_name")]
    [InlineData("""{"name":"J"}""", "name")]
    [InlineData("""{"first_name":"John"}""", "full_name")]
    [InlineData("""{"last_name":"Smith","first_name":"J😀"}""", "first_name")]
    [InlineData("""{"full_name":"John Smith","date_of_birth":"2023-02-30"}""", "date_of_birth")]
    [InlineData("""{"full_name":"John Smith","date_of_birth":"15/03/1985"}""", "date_of_birth")]
    [InlineData("""{"full_name":"John Smith","date_of_birth":"2999-01-01"}""", "date_of_birth")]
    [InlineData("""{"full_name":"John Smith","nationality":"XX"}""", "nationality")]
    [InlineData("""{"full_name":"John Smith","nationality":"FRX"}""", "nationality")]
    [InlineData("""{"full_name":"John Smith","nationality":"Narnia"}""", "nationality")]
    [InlineData("""{"full_name":"John Smith","nationality":""}""", "nationality")]
    [InlineData("""{"full_name":"John Smith","date_of_birth":"2023-2-30"}""", "date_of_birth")]
    [InlineData("""{"full_name":"John Smith","lists":["un_sc","nope"]}""", "lists")]
    [InlineData("""{"full_name":"John Smith","lists":["sandbox"]}""", "lists")]
    [InlineData("""{"full_name":"John Smith","lists":[]}""", "lists")]
    [InlineData("""{"full_name":"John Smith","lists":"un_sc"}""", "lists")]
    [InlineData("""{"full_name":"John Smith","threshold":0.49}""", "threshold")]
    [InlineData("""{"full_name":"John Smith","threshold":1.01}""", "threshold")]
    [InlineData("""{"full_name":"John Smith","threshold":"high"}""", "threshold")]
    [InlineData("""{"full_name":"John Smith","monitoring_enabled":"yes"}""", "monitoring_enabled")]
    [InlineData("""{"full_name":"John Smith","monitoring_enabled":true,"monitoring_frequency":"monthly"}""", "monitoring_frequency")]
    [InlineData("""{"full_name":"John Smith","reference_id":7}""", "reference_id")]
    public async Task Bad_input_is_a_422_on_that_field(string json, string field)
    {
        var caller = await Api.NewCallerAsync(live: true);
        var details = await (await caller.Client.PostJsonAsync(Screen, json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal([field], details!.Keys());
        Assert.Equal(0, (int)(await (await caller.Client.GetAsync(Screenings)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
    }

    [Theory]
    [InlineData("cd")]
    [InlineData("COD")]
    [InlineData("cod")]
    [InlineData("Democratic Republic of the Congo")]
    [InlineData("congo, democratic republic of the")]
    [InlineData(" DR Congo ")]
    public async Task Nationality_may_be_alpha_3_or_an_English_name_and_is_kept_as_alpha_2(string nationality)
    {
        var caller = await Api.NewCallerAsync(live: true);
        var json = new JsonObject { ["full_name"] = "Eric Badege", ["date_of_birth"] = "1971", ["nationality"] = nationality };
        var body = await (await caller.Client.PostJsonAsync(Screen, json.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("CD", (string?)body["query"]!["nationality"]);
        var un = body["matches"]!.AsArray().Single(m => (string?)m!["entity_id"] == "un_sc:6907993")!;
        Assert.Equal(["name", "dob", "nationality"], un["reasons"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public async Task An_unpadded_birth_date_is_read_and_kept_padded()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var body = await (await caller.Client.PostJsonAsync(Screen, """{"full_name":"Patricia Lucas Wheeler","date_of_birth":"2002-7-4"}"""))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("2002-07-04", (string?)body["query"]!["date_of_birth"]);
        Assert.Equal("clear", (string?)body["status"]);
    }

    [Theory]
    [InlineData("full_name", "Лукʼян Шевченко")]
    [InlineData("name", "Лукʼян Шевченко")] // the older spelling of full_name (spec §11.1)
    [InlineData("full_name", "Лук’ян Шевченко")]
    [InlineData("full_name", "Kaʻiulani Cleghorn")]
    [InlineData("full_name", "علی‌رضا کریمی")]
    [InlineData("full_name", "مُحَمَّد حَسَن")]
    [InlineData("full_name", "שְׁלֹמֹה כֹּהֵן")]
    [InlineData("full_name", "श\u200Dर्मा राजेश")]
    [InlineData("full_name", "Ива\u0301н Петро\u0301в")]
    [InlineData("full_name", "山田ハナコ")]
    [InlineData("full_name", "김正恩")]
    public async Task Names_written_with_their_scripts_own_marks_are_screened(string field, string name)
    {
        var caller = await Api.NewCallerAsync(live: true);
        var body = await (await caller.Client.PostJsonAsync(Screen, new JsonObject { [field] = name }.ToJsonString()))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(name, (string?)body["query"]!["full_name"]);
    }

    [Theory]
    [InlineData("""{"name":"Иvан Петров"}""", "name", "Cyrillic, Latin")]
    [InlineData("""{"full_name":"Ιван Петров"}""", "full_name", "Greek, Cyrillic")]
    [InlineData("""{"full_name":"Лукʼян Smith"}""", "full_name", "Cyrillic, Latin")]
    [InlineData("""{"first_name":"Иvан","last_name":"Петров"}""", "first_name", "Cyrillic, Latin")]
    [InlineData("""{"full_name":"Ivaा Sharma"}""", "full_name", "Latin, Indic")] // a Devanagari vowel sign on a Latin letter
    public async Task A_genuine_mix_of_scripts_is_a_422_with_the_usual_body(string json, string field, string scripts)
    {
        var caller = await Api.NewCallerAsync(live: true);
        var response = await caller.Client.PostJsonAsync(Screen, json);

        Assert.Equal(
            $$$"""{"error":"validation_error","message":"The given data was invalid.","details":{"{{{field}}}":["Mixes writing systems ({{{scripts}}}); write the name in one script."]}}""",
            (await response.ExpectAsync(HttpStatusCode.UnprocessableEntity)).ToJsonString());
    }

    [Fact]
    public async Task Names_of_10000_characters_are_a_422_not_a_slow_screening()
    {
        var caller = await Api.NewCallerAsync(live: true);
        foreach (var field in new[] { "full_name", "first_name", "last_name" })
        {
            var json = new JsonObject { [field] = new string('a', 10_000), ["last_name"] = field == "last_name" ? new string('a', 10_000) : "Smith" };
            var details = await (await caller.Client.PostJsonAsync(Screen, json.ToJsonString())).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
            Assert.Contains(field, details!.Keys());
        }
    }

    [Fact]
    public async Task Decisions_follow_the_rules_of_11_3()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var match = (string)(await caller.Client.ScreenAsync(Listed))["id"]!;
        Api.Clock.Advance(TimeSpan.FromMinutes(3));
        var decidedAt = Api.NowText();
        var confirmed = await (await caller.Client.PostJsonAsync($"{Screen}/{match}/decision", """{"decision":"confirmed_match","reason":"Same person, passport checked"}"""))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed_match", (string?)confirmed["status"]);
        Assert.Equal("critical", (string?)confirmed["risk_level"]);
        Assert.Equal(
            $$"""{"decision":"confirmed_match","reason":"Same person, passport checked","decided_by":"{{caller.Key[..16]}}","decided_at":"{{decidedAt}}"}""",
            confirmed["decision"]!.ToJsonString());

        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await (await caller.Client.PostJsonAsync($"{Screen}/{match}/decision", """{"decision":"confirmed_match","reason":"other"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(confirmed["decision"]!.ToJsonString(), again["decision"]!.ToJsonString());
        await (await caller.Client.PostJsonAsync($"{Screen}/{match}/decision", """{"decision":"clear"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        var falsePositive = (string)(await caller.Client.ScreenAsync(Listed))["id"]!;
        var cleared = await (await caller.Client.PostJsonAsync($"{Screen}/{falsePositive}/decision", """{"decision":"clear"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("clear", (string?)cleared["status"]);
        Assert.Equal("low", (string?)cleared["risk_level"]);
        Assert.Null(cleared["decision"]!["reason"]);
        Assert.NotEmpty(cleared["matches"]!.AsArray());
        await (await caller.Client.PostJsonAsync($"{Screen}/{falsePositive}/decision", """{"decision":"confirmed_match"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        var clear = (string)(await caller.Client.ScreenAsync(Unlisted))["id"]!;
        await (await caller.Client.PostJsonAsync($"{Screen}/{clear}/decision", """{"decision":"confirmed_match"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        var acknowledged = await (await caller.Client.PostJsonAsync($"{Screen}/{clear}/decision", """{"decision":"clear"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("clear", (string?)acknowledged["decision"]!["decision"]);

        // Decisions emit nothing: the events are still those of the two screenings.
        Assert.Equal(["aml.completed", "aml.match_found"], (await Api.ScreeningEventsAsync(match)).Select(e => e.Type));
    }

    [Fact]
    public async Task The_V1_decisions_approve_decline_and_escalate_are_understood()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var declined = (string)(await caller.Client.ScreenAsync(Listed))["id"]!;
        var decline = await (await caller.Client.PostJsonAsync($"{Screen}/{declined}/decision", """{"decision":"decline"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed_match", (string?)decline["status"]);
        Assert.Equal("confirmed_match", (string?)decline["decision"]!["decision"]);

        var approved = (string)(await caller.Client.ScreenAsync(Listed))["id"]!;
        var approve = await (await caller.Client.PostJsonAsync($"{Screen}/{approved}/decision", """{"decision":"approve"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("clear", (string?)approve["status"]);
        Assert.Equal("clear", (string?)approve["decision"]!["decision"]);

        // An escalation keeps the screening a potential match; a senior reviewer then decides either way.
        var escalated = (string)(await caller.Client.ScreenAsync(Listed))["id"]!;
        var escalate = await (await caller.Client.PostJsonAsync($"{Screen}/{escalated}/decision", """{"decision":"escalate","reason":"Needs a second look"}"""))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("potential_match", (string?)escalate["status"]);
        Assert.Equal("high", (string?)escalate["risk_level"]);
        Assert.Equal("escalate", (string?)escalate["decision"]!["decision"]);
        Assert.Equal("Needs a second look", (string?)escalate["decision"]!["reason"]);
        var again = await (await caller.Client.PostJsonAsync($"{Screen}/{escalated}/decision", """{"decision":"escalate"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Needs a second look", (string?)again["decision"]!["reason"]);
        var final = await (await caller.Client.PostJsonAsync($"{Screen}/{escalated}/decision", """{"decision":"confirmed_match"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("confirmed_match", (string?)final["status"]);
        await (await caller.Client.PostJsonAsync($"{Screen}/{escalated}/decision", """{"decision":"escalate"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal("confirmed_match", (string?)(await (await caller.Client.GetAsync($"{Screen}/{escalated}")).ExpectAsync(HttpStatusCode.OK))["status"]);

        // Nothing matched: nothing to escalate.
        var clear = (string)(await caller.Client.ScreenAsync(Unlisted))["id"]!;
        await (await caller.Client.PostJsonAsync($"{Screen}/{clear}/decision", """{"decision":"escalate"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Theory]
    [InlineData("""{}""", "decision")]
    [InlineData("""{"decision":"approved"}""", "decision")]
    [InlineData("""{"decision":"Escalate"}""", "decision")]
    [InlineData("""{"decision":1}""", "decision")]
    [InlineData("""{"decision":"clear","reason":false}""", "reason")]
    public async Task A_bad_decision_body_is_422(string json, string field)
    {
        var caller = await Api.NewCallerAsync(live: true);
        var id = (string)(await caller.Client.ScreenAsync(Listed))["id"]!;
        var details = await (await caller.Client.PostJsonAsync($"{Screen}/{id}/decision", json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal([field], details!.Keys());
    }

    [Fact]
    public async Task Screenings_of_another_account_or_mode_are_not_found()
    {
        var owner = await Api.NewCallerAsync(live: true);
        var id = (string)(await owner.Client.ScreenAsync(Listed))["id"]!;
        var stranger = await Api.NewCallerAsync(live: true);
        var ownerTest = await Api.NewCallerAsync(live: false, accountName: owner.AccountName);
        foreach (var other in new[] { stranger, ownerTest })
        {
            await (await other.Client.GetAsync($"{Screen}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await other.Client.PostJsonAsync($"{Screen}/{id}/decision", """{"decision":"clear"}""")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            Assert.Equal(0, (int)(await (await other.Client.GetAsync(Screenings)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
        }
        await (await owner.Client.GetAsync($"{Screen}/aml_00000000-0000-4000-8000-000000000000")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await owner.Client.GetAsync($"{Screen}/{new string('x', 300)}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("potential_match", (string?)(await (await owner.Client.GetAsync($"{Screen}/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]);
    }

    [Fact]
    public async Task The_list_pages_newest_first_and_filters()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var day1 = Api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
        var first = (string)(await caller.Client.ScreenAsync("""{"full_name":"Eric Badege","reference_id":"ref-a"}"""))["id"]!;
        Api.Clock.Advance(TimeSpan.FromDays(1));
        var day2 = Api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
        var second = (string)(await caller.Client.ScreenAsync("""{"full_name":"Patricia Lucas Wheeler","reference_id":"ref-b"}"""))["id"]!;
        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = (string)(await caller.Client.ScreenAsync("""{"full_name":"Patricia Lucas Wheeler","reference_id":"ref-a"}"""))["id"]!;

        async Task<JsonNode> List(string query) => await (await caller.Client.GetAsync($"{Screenings}{query}")).ExpectAsync(HttpStatusCode.OK);
        static string[] Ids(JsonNode page) => page["data"]!.AsArray().Select(s => (string)s!["id"]!).ToArray();

        var all = await List("");
        Assert.Equal([third, second, first], Ids(all));
        Assert.Equal("""{"current_page":1,"last_page":1,"per_page":15,"total":3}""", all["meta"]!.ToJsonString());
        Assert.Equal(ScreeningKeys, all["data"]![0]!.Keys());
        var page2 = await List("?per_page=2&page=2");
        Assert.Equal([first], Ids(page2));
        Assert.Equal("""{"current_page":2,"last_page":2,"per_page":2,"total":3}""", page2["meta"]!.ToJsonString());
        Assert.Empty(Ids(await List("?per_page=2&page=9")));
        Assert.Equal([first], Ids(await List("?status=potential_match")));
        Assert.Equal([third, second], Ids(await List("?status=clear")));
        Assert.Equal([third, first], Ids(await List("?reference_id=ref-a")));
        Assert.Equal([first], Ids(await List($"?from={day1}&to={day1}")));
        Assert.Equal([third, second], Ids(await List($"?from={day2}")));
        Assert.Empty(Ids(await List("?session_id=ses_00000000-0000-4000-8000-000000000000")));

        foreach (var (query, field) in new[] { ("?status=approved", "status"), ("?per_page=101", "per_page"), ("?page=0", "page"),
                     ("?from=2026-13-01", "from"), ($"?from={day2}&to={day1}", "from"), ($"?session_id={new string('s', 41)}", "session_id") })
        {
            var details = await (await caller.Client.GetAsync($"{Screenings}{query}")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
            Assert.Equal([field], details!.Keys());
        }
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_screening_instead_of_screening_again()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var first = await caller.Client.PostJsonAsync(Screen, Listed, idempotencyKey: "screen-1");
        var body = await first.ExpectAsync(HttpStatusCode.Created);
        var replay = await caller.Client.PostJsonAsync(Screen, Listed, idempotencyKey: "screen-1");
        Assert.Equal(body.ToJsonString(), (await replay.ExpectAsync(HttpStatusCode.Created)).ToJsonString());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        await (await caller.Client.PostJsonAsync(Screen, Unlisted, idempotencyKey: "screen-1")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, (int)(await (await caller.Client.GetAsync(Screenings)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
    }

    [Fact]
    public async Task Test_keys_get_the_sandbox_outcomes_and_live_keys_the_real_lists()
    {
        var test = await Api.NewCallerAsync(live: false);
        var sanctioned = await test.Client.ScreenAsync("""{"full_name":"John Sanctioned","date_of_birth":"1980-02-03"}""");
        Assert.False((bool)sanctioned["livemode"]!);
        Assert.Equal("potential_match", (string?)sanctioned["status"]);
        Assert.Equal(0.95, (double)sanctioned["highest_score"]!);
        Assert.Equal(["sandbox"], sanctioned["lists"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(
            """[{"entity_id":"sandbox:SBX-0001","list":"sandbox","name":"JOHN SANCTIONED","matched_name":"John Sanctioned","score":0.95,"schema":"person","programs":["SANDBOX"],"date_of_birth":"1980-02-03","nationality":null,"reasons":["name","dob"],"lists":["Verilock Sandbox"],"entity_type":"individual","details":{"aka":[],"country":null,"date_of_birth":"1980-02-03","programs":["SANDBOX"],"source_url":null,"position":null,"active":null}}]""",
            sanctioned["matches"]!.ToJsonString());
        var lastName = await test.Client.ScreenAsync("""{"first_name":"Jane","last_name":"sanctioned"}""");
        Assert.Equal("potential_match", (string?)lastName["status"]);
        Assert.Equal("clear", (string?)(await test.Client.ScreenAsync("""{"full_name":"Sanctioned Person"}"""))["status"]);
        Assert.Equal("clear", (string?)(await test.Client.ScreenAsync("""{"full_name":"John Sanctioned","threshold":0.96}"""))["status"]);
        // A real listed person is clear in the sandbox: test keys never search the real lists…
        var listedInSandbox = await test.Client.ScreenAsync("""{"full_name":"Eric Badege","lists":["un_sc"]}""");
        Assert.Equal("clear", (string?)listedInSandbox["status"]);
        Assert.Equal(["un_sc"], listedInSandbox["lists"]!.AsArray().Select(l => (string)l!));

        // …and live keys never get the simulation.
        var live = await Api.NewCallerAsync(live: true);
        Assert.Equal("clear", (string?)(await live.Client.ScreenAsync("""{"full_name":"John Sanctioned"}"""))["status"]);
        Assert.Equal("potential_match", (string?)(await live.Client.ScreenAsync(Listed))["status"]);
    }

    [Fact]
    public async Task Lists_report_what_is_loaded_and_the_sandbox_to_test_keys()
    {
        var live = await Api.NewCallerAsync(live: true);
        var lists = await (await live.Client.GetAsync("/api/v1/aml/lists")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["data"], lists.Keys());
        var data = lists["data"]!.AsArray();
        Assert.Equal(["us_ofac_sdn", "un_sc"], data.Select(l => (string)l!["id"]!));
        Assert.All(data, l => Assert.Equal(
            ["id", "name", "type", "source", "source_url", "version", "published_at", "entity_count", "loaded_at"], l!.Keys()));
        var un = data[1]!;
        Assert.Equal("UN Security Council Consolidated List", (string?)un["name"]);
        Assert.Equal("sanctions", (string?)un["type"]);
        Assert.Equal("https://scsanctions.un.org/resources/xml/en/consolidated.xml", (string?)un["source_url"]);
        Assert.Equal("2026-02-27", (string?)un["version"]);
        Assert.Equal("2026-02-27T00:00:09Z", (string?)un["published_at"]);
        Assert.Equal(1003, (int)un["entity_count"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)un["loaded_at"]);
        Assert.True((int)data[0]!["entity_count"]! > 7000);

        var test = await Api.NewCallerAsync(live: false);
        var testLists = await (await test.Client.GetAsync("/api/v1/aml/lists")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["us_ofac_sdn", "un_sc", "sandbox"], testLists["data"]!.AsArray().Select(l => (string)l!["id"]!));
        Assert.Equal(1, (int)testLists["data"]![2]!["entity_count"]!);

        Assert.Equal("""{"status":"ready","checks":{"database":"ok","models":"ok","aml_lists":"ok"}}""",
            (await (await Api.Anonymous.GetAsync("/readyz")).ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        var openApi = await (await Api.Anonymous.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("/api/v1/aml/screen", openApi["paths"]!.Keys());
        Assert.Contains("/api/v1/aml/screenings", openApi["paths"]!.Keys());
    }

    [GeneratedRegex("^aml_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex ScreeningId();
}

public sealed class ScreeningApiTestsOnSqlite(SqliteRealListsApiFixture api) : ScreeningApiTests(api), IClassFixture<SqliteRealListsApiFixture>;

public sealed class ScreeningApiTestsOnPostgres(PostgresRealListsApiFixture api) : ScreeningApiTests(api), IClassFixture<PostgresRealListsApiFixture>;
