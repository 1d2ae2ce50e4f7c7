using System.Text.RegularExpressions;
using Verilock.Domain.Accounts;
using Verilock.Domain.Common;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Tests;

public partial class RulesTests
{
    [Fact]
    public void Steps_are_deduplicated_and_put_in_canonical_order()
    {
        var steps = VerificationSteps.Normalise([VerificationStep.Aml, VerificationStep.Selfie, VerificationStep.Document, VerificationStep.Selfie]);
        Assert.Equal([VerificationStep.Document, VerificationStep.Selfie, VerificationStep.Aml], steps);
        Assert.Equal("face_match", VerificationStep.FaceMatch.ToWire());
        Assert.True(VerificationSteps.TryParse("liveness", out var liveness));
        Assert.Equal(VerificationStep.Liveness, liveness);
        Assert.False(VerificationSteps.TryParse("Liveness", out _));
    }

    [Theory]
    [InlineData(new[] { VerificationStep.FaceMatch, VerificationStep.Document }, false, "face_match")]
    [InlineData(new[] { VerificationStep.FaceMatch, VerificationStep.Selfie }, false, "face_match")]
    [InlineData(new[] { VerificationStep.Liveness }, false, "liveness")]
    [InlineData(new[] { VerificationStep.Aml }, false, "aml")]
    public void Step_dependencies_are_enforced(VerificationStep[] steps, bool hasName, string mentioned)
    {
        var problem = Assert.Single(VerificationSteps.Violations(steps, hasName));
        Assert.Contains(mentioned, problem);
    }

    [Fact]
    public void Valid_step_sets_have_no_violations()
    {
        Assert.Empty(VerificationSteps.Violations([VerificationStep.Document, VerificationStep.Selfie, VerificationStep.FaceMatch, VerificationStep.Liveness, VerificationStep.Aml], false));
        Assert.Empty(VerificationSteps.Violations([VerificationStep.Aml], hasApplicantName: true));
        Assert.NotEmpty(VerificationSteps.Violations([], true));
    }

    [Fact]
    public void Ids_and_tokens_have_the_public_formats()
    {
        Assert.Matches(SessionId(), Ids.NewSessionId());
        Assert.Matches(Token(), Ids.NewSessionToken());
        Assert.NotEqual(Ids.NewSessionToken(), Ids.NewSessionToken());
    }

    [Fact]
    public void Issued_keys_are_random_and_only_their_hash_and_prefix_are_kept()
    {
        var (key, secret) = ApiKey.Issue(Guid.NewGuid(), liveMode: false, DateTime.UtcNow);
        Assert.Matches("^qi_test_[0-9a-f]{48}$", secret);
        Assert.Equal(secret[..16], key.Prefix);
        Assert.Equal(64, key.Hash.Length);
        Assert.Equal(ApiKey.HashOf(secret), key.Hash);
        Assert.NotEqual(secret, ApiKey.Issue(Guid.NewGuid(), false, DateTime.UtcNow).Secret);
        Assert.True(ApiKey.LooksLikeKey(secret));
        Assert.False(ApiKey.LooksLikeKey("sk_test_123"));
    }

    [Theory]
    [InlineData("FR", true)]
    [InlineData("GB", true)]
    [InlineData("UK", false)]
    [InlineData("fr", false)]
    [InlineData("XX", false)]
    public void Country_codes_are_iso_alpha2(string code, bool valid) => Assert.Equal(valid, CountryCodes.IsAlpha2(code));

    [GeneratedRegex("^ses_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex SessionId();

    [GeneratedRegex("^tok_[A-Za-z0-9_-]{43}$")]
    private static partial Regex Token();
}
