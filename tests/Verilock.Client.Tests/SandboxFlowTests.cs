using System.Net;
using System.Security.Cryptography;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary>
/// A sandbox session end to end through the client: uploads from a stream and from a path, submit, the checks, a
/// manual decision, risk, media downloads and redaction.
/// </summary>
public sealed class SandboxFlowTests(ServerFixture server)
{
    private static readonly string[] FullSteps = ["document", "selfie", "face_match"];

    [Fact]
    public async Task Uploads_from_a_stream_and_a_path_then_submit_reach_an_approved_decision()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions
        {
            Steps = FullSteps,
            Applicant = new ApplicantOptions { FirstName = "Jean", LastName = "Dupont" },
        });
        var front = TestFiles.Jpeg(seed: 1);
        var back = TestFiles.Png(seed: 2);
        var selfie = TestFiles.Jpeg(seed: 3);
        var backPath = Path.Combine(Path.GetTempPath(), $"verilock-back-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(backPath, back);
        try
        {
            using var frontStream = new MemoryStream(front);
            var document = await client.Sessions.UploadDocumentAsync(session.Id, new DocumentUploadOptions
            {
                Type = DocumentTypes.IdCard,
                Front = UploadFile.FromStream(frontStream, "id_front.jpg"),
                Back = UploadFile.FromPath(backPath),
            });

            Assert.Matches("^doc_", document.Id);
            Assert.Equal(session.Id, document.SessionId);
            Assert.Equal("id_card", document.DocumentType);
            Assert.Equal("id_card", document.Type);
            Assert.Null(document.Side);
            Assert.Equal("uploaded", document.Status);
            Assert.Equal("id_front.jpg", document.Files.Front);
            Assert.Equal(Path.GetFileName(backPath), document.Files.Back);
            Assert.Equal("image/jpeg", document.Media.Front!.ContentType);
            Assert.Equal("image/png", document.Media.Back!.ContentType);
            Assert.Equal(front.Length, document.Media.Front.SizeBytes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(back)), document.Media.Back.Sha256);
            Assert.True(frontStream.CanRead); // the caller's stream is left open
        }
        finally
        {
            File.Delete(backPath);
        }

        var uploadedSelfie = await client.Sessions.UploadSelfieAsync(session.Id, UploadFile.FromBytes(selfie, "me.jpg"));
        Assert.Matches("^sel_", uploadedSelfie.Id);
        Assert.Equal("me.jpg", uploadedSelfie.File);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(selfie)), uploadedSelfie.Media!.Sha256);

        var submitted = await client.Sessions.SubmitAsync(session.Id);
        Assert.Equal(HttpStatusCode.Accepted, submitted.Response!.StatusCode);
        Assert.Equal(session.Id, submitted.Id);
        Assert.Equal(SessionStatuses.Processing, submitted.Status);
        Assert.Contains("webhook", submitted.Message);

        var decided = await WaitForDecisionAsync(client, session.Id);
        Assert.Equal(SessionStatuses.Approved, decided.Status);
        Assert.Equal(SessionDecisions.Approved, decided.Decision);
        Assert.Equal("system", decided.DecidedBy);
        Assert.NotNull(decided.CompletedAt);
        Assert.Equal(0.96, decided.Results["face_match"].Score);
        Assert.Equal(0.96, decided.Results["face_match"].Details!.Value.GetProperty("similarity").GetDouble());
        Assert.Equal(StepStatuses.Approved, decided.Results["document"].Status);
        var stored = Assert.Single(decided.Documents);
        Assert.Equal(front.Length, stored.Media.Front!.SizeBytes);
        Assert.NotNull(decided.Selfie);

        var risk = await client.Sessions.GetRiskAsync(session.Id);
        Assert.Equal(session.Id, risk.SessionId);
        Assert.Equal(decided.RiskScore, risk.CompositeScore);
        Assert.Equal(decided.RiskLevel, risk.RiskLevel);
        Assert.Contains("face_match", risk.Components.Keys);
        Assert.Equal(1.0, risk.Components.Values.Sum(c => c.Weight), 3);

        await using (var download = await client.Sessions.DownloadDocumentAsync(session.Id, stored.Id, DocumentSides.Back))
        {
            Assert.Equal("image/png", download.ContentType);
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            Assert.Equal(back, copy.ToArray());
        }
        await using (var download = await client.Sessions.DownloadSelfieAsync(session.Id))
        {
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            Assert.Equal(selfie, copy.ToArray());
        }

        var redaction = await client.Sessions.RedactAsync(session.Id);
        Assert.Equal(HttpStatusCode.NoContent, redaction.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Sessions.RedactAsync(session.Id)).StatusCode);
        var tombstone = await client.Sessions.GetAsync(session.Id);
        Assert.NotNull(tombstone.RedactedAt);
        Assert.Equal(SessionStatuses.Approved, tombstone.Status);
        Assert.Null(tombstone.Applicant.FirstName);
        Assert.Null(tombstone.SessionUrl);
        var gone = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.DownloadSelfieAsync(session.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(ApiErrorCodes.NotFound, (await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.GetRiskAsync(session.Id))).Error);
    }

    [Fact]
    public async Task A_session_in_review_takes_a_manual_decision_and_refuses_the_opposite()
    {
        using var client = server.Client(await server.NewKeyAsync());
        // REVIEW as the last name: the sandbox's inconclusive face match (spec §2.2).
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = FullSteps, ApplicantName = "Jean REVIEW" });
        await client.Sessions.UploadDocumentSideAsync(session.Id, new DocumentSideUploadOptions
        {
            Side = DocumentSides.Front,
            DocumentType = DocumentTypes.Passport,
            File = UploadFile.FromBytes(TestFiles.Jpeg(seed: 4), "passport.jpg"),
        });
        await client.Sessions.UploadSelfieAsync(session.Id, UploadFile.FromBytes(TestFiles.Png(seed: 5), "me.png"));

        var refused = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.GetRiskAsync(session.Id));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        await client.Sessions.SubmitAsync(session.Id);
        var review = await WaitForDecisionAsync(client, session.Id);
        Assert.Equal(SessionStatuses.Processing, review.Status);
        Assert.Equal(SessionDecisions.Review, review.Decision);
        Assert.Equal([ReviewReasons.FaceMatchInconclusive], review.ReviewReasons);
        var stillChecking = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.RedactAsync(session.Id));
        Assert.Equal(ApiErrorCodes.Conflict, stillChecking.Error);

        var declined = await client.Sessions.DecideAsync(session.Id, new SessionDecisionOptions { Decision = SessionDecisions.Declined, Reason = "Not the same person." });
        Assert.Equal(SessionStatuses.Declined, declined.Status);
        Assert.Equal("Not the same person.", declined.DecisionReason);
        Assert.StartsWith("qi_test_", declined.DecidedBy);
        Assert.NotNull(declined.DecidedAt);

        var again = await client.Sessions.DecideAsync(session.Id, new SessionDecisionOptions { Decision = SessionDecisions.Declined });
        Assert.Equal(declined.DecidedAt, again.DecidedAt);
        var opposite = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Sessions.DecideAsync(session.Id, new SessionDecisionOptions { Decision = SessionDecisions.Approved }));
        Assert.Equal(HttpStatusCode.Conflict, opposite.StatusCode);
    }

    [Fact]
    public async Task Submit_without_the_uploads_is_a_validation_exception_naming_them()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = FullSteps });

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.SubmitAsync(session.Id));

        Assert.Equal(ApiErrorCodes.ValidationError, error.Error);
        Assert.Contains("document.front", error.FieldErrors.Keys);
        Assert.Contains("selfie", error.FieldErrors.Keys);
    }

    [Fact]
    public async Task Bytes_of_a_type_not_accepted_are_refused_by_the_server_whatever_the_file_name()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["selfie"] });

        var error = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Sessions.UploadSelfieAsync(session.Id, UploadFile.FromBytes("GIF89a not a jpeg"u8, "selfie.jpg")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, error.StatusCode);
        Assert.Equal(ApiErrorCodes.UnsupportedMediaType, error.Error);
    }

    [Fact]
    public async Task A_created_session_is_expired_by_redaction()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"], ReferenceId = "forget-me" });

        await client.Sessions.RedactAsync(session.Id);

        var tombstone = await client.Sessions.GetAsync(session.Id);
        Assert.Equal(SessionStatuses.Expired, tombstone.Status);
        Assert.Null(tombstone.ReferenceId);
        Assert.NotNull(tombstone.RedactedAt);
    }

    /// <summary>Runs the due checks until the session has a decision (another test's run may be doing this one's job).</summary>
    private async Task<Session> WaitForDecisionAsync(VerilockClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await server.RunChecksAsync();
            var session = await client.Sessions.GetAsync(id);
            if (session.Decision is not null)
                return session;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Session {id} has no decision after 30 s; status {session.Status}.");
            await Task.Delay(50);
        }
    }
}
