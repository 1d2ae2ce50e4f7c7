using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Media;
using Verilock.Server.Tests.Support;
using Verilock.Server.Webhooks;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Operations;

/// <summary>
/// <c>keys rotate-master</c> run as a real process beside a running server sharing its data folder and database:
/// what was sealed before and after stays readable, and nothing in the database is left under the old key.
/// </summary>
public abstract class MasterKeyRotationTests(ApiFixture api) : ApiTests(api)
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Verilock.Server.dll");
    private const string DocumentSteps = """{"steps":["document","selfie","face_match"]}""";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Rotating_the_media_key_while_the_server_runs_keeps_old_and_new_uploads_readable_and_rewraps_every_row()
    {
        var caller = await Api.NewCallerAsync();
        var oldKeyId = Api.Services.GetRequiredService<MediaCipher>().MasterKeys.Current.Id;
        var first = await CreateAsync(caller.Client, DocumentSteps);
        var oldFront = Jpeg(31);
        var oldDocument = await (await caller.Client.PostDocumentAsync(first, File("front", oldFront), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        var rowsBefore = await Api.WithDbAsync(db => db.MediaDataKeys.AsNoTracking().ToListAsync());
        Assert.NotEmpty(rowsBefore);
        Assert.All(rowsBefore, k => Assert.Equal(oldKeyId, k.MasterKeyId));
        // The wrapped key's own header names the master key too.
        Assert.All(rowsBefore, k => Assert.Equal(oldKeyId, MediaCipher.MasterKeyIdOf(k.WrappedKey)));

        var rotation = RunCliAsync("keys", "rotate-master", "--which", "media");
        // While the command waits for servers to notice the new key, uploads go on (sealed by either key).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var during = await CreateAsync(caller.Client, DocumentSteps);
        var duringFront = Jpeg(32);
        var duringDocument = await (await caller.Client.PostDocumentAsync(during, File("front", duringFront), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        var (exit, output, error) = await rotation;
        Assert.True(exit == 0, error + output);
        var newKeyId = oldKeyId + 1;
        Assert.Contains($"Master key {newKeyId} is current", output);
        Assert.Contains("0 left under older keys", output);

        var after = await CreateAsync(caller.Client, DocumentSteps);
        var newFront = Jpeg(33);
        var newDocument = await (await caller.Client.PostDocumentAsync(after, File("front", newFront), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(oldFront, await (await caller.Client.GetAsync($"{Sessions}/{first}/documents/{oldDocument["id"]}/front")).Content.ReadAsByteArrayAsync());
        Assert.Equal(duringFront, await (await caller.Client.GetAsync($"{Sessions}/{during}/documents/{duringDocument["id"]}/front")).Content.ReadAsByteArrayAsync());
        Assert.Equal(newFront, await (await caller.Client.GetAsync($"{Sessions}/{after}/documents/{newDocument["id"]}/front")).Content.ReadAsByteArrayAsync());

        var rows = await Api.WithDbAsync(db => db.MediaDataKeys.AsNoTracking().ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, k => Assert.Equal(newKeyId, k.MasterKeyId));
        Assert.All(rows, k => Assert.Equal(newKeyId, MediaCipher.MasterKeyIdOf(k.WrappedKey)));
        var keyFile = Path.Combine(Api.Database.DataDirectory, $"{MediaOptions.KeyFileName}.{newKeyId}");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(keyFile));
        // The old key is kept: backups and media from before key ids still need it.
        Assert.True(System.IO.File.Exists(Path.Combine(Api.Database.DataDirectory, MediaOptions.KeyFileName)));
    }

    [Fact]
    public async Task Rotating_the_webhook_and_dashboard_keys_keeps_secrets_signing_and_cookies_keys_readable()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var created = await (await caller.Client.PostJsonAsync("/api/v1/webhooks/endpoints",
            """{"url":"https://hooks.example.com/rotation","events":["session.completed"]}""")).ExpectAsync(HttpStatusCode.Created);
        var endpointId = (string)created["id"]!;
        var secret = (string)created["secret"]!;
        // A dashboard page gives the data-protection system its first key, sealed into data_protection_keys.
        Assert.Equal(HttpStatusCode.OK, (await Api.Anonymous.GetAsync("/dashboard/login")).StatusCode);
        var protector = Api.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("rotation-test");
        var protectedBefore = protector.Protect("still readable");
        var webhookKeyId = Api.Services.GetRequiredService<WebhookSecretProtector>().MasterKeys.Current.Id;
        var dashboardKeyId = Api.Services.GetRequiredService<KeyRingCipher>().MasterKeys.Current.Id;
        var endpointBefore = await Api.WithDbAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId));
        Assert.StartsWith($"v2.{webhookKeyId}.", endpointBefore.SecretCiphertext);

        var (webhooksExit, webhooksOutput, webhooksError) = await RunCliAsync("keys", "rotate-master", "--which", "webhooks");
        Assert.True(webhooksExit == 0, webhooksError + webhooksOutput);
        var (dashboardExit, dashboardOutput, dashboardError) = await RunCliAsync("keys", "rotate-master", "--which", "dashboard");
        Assert.True(dashboardExit == 0, dashboardError + dashboardOutput);

        // Every webhook secret is now under the new key, and the server signs with the same secret as before.
        var endpoints = await Api.WithDbAsync(db => db.WebhookEndpoints.AsNoTracking().ToListAsync());
        var defaults = await Api.WithDbAsync(db => db.WebhookDefaultSecrets.AsNoTracking().ToListAsync());
        Assert.All(endpoints.Select(e => e.SecretCiphertext).Concat(defaults.Select(d => d.SecretCiphertext)),
            text => Assert.StartsWith($"v2.{webhookKeyId + 1}.", text));
        var signing = await Api.WithDbAsync(db => Api.Services.GetRequiredService<WebhookSecrets>().ForDeliveriesAsync(db,
            [new WebhookDelivery { WebhookId = "wh_rotation", EventType = "session.completed", Url = "https://hooks.example.com/rotation", Status = "pending", AccountId = caller.AccountId, LiveMode = true, EndpointId = endpointId }],
            Api.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        var body = """{"event":"session.completed"}"""u8.ToArray();
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)),
            WebhookSigner.Sign(signing[endpointId].Current, body));
        // Another process with only the key files (a restarted server) reads the re-wrapped secret.
        Assert.Equal(secret, new WebhookSecretProtector(null, Api.Database.DataDirectory)
            .Unprotect(endpoints.Single(e => e.Id == endpointId).SecretCiphertext, WebhookSecretProtector.EndpointContext(endpointId)));

        // The key ring's sealed keys are under the new dashboard key and open with the key files alone.
        var ring = await Api.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        var sealedKeys = ring.SelectMany(xml => XElement.Parse(xml).Descendants(KeyRingEncryptor.SealedElement)).ToList();
        Assert.NotEmpty(sealedKeys);
        var freshCipher = new KeyRingCipher(null, Api.Database.DataDirectory);
        Assert.All(sealedKeys, s =>
        {
            Assert.StartsWith($"v2.{dashboardKeyId + 1}.", s.Value);
            Assert.Equal("masterKey", XElement.Parse(freshCipher.Open(s.Value)).Name.LocalName);
        });
        Assert.Equal("still readable", protector.Unprotect(protectedBefore));
    }

    [Fact]
    public async Task Redaction_crypto_shreds_media_even_when_a_copy_of_the_file_is_put_back()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, DocumentSteps);
        var front = Jpeg(41);
        await (await caller.Client.PostDocumentAsync(id, File("front", front), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        var storageKey = await Api.WithDbAsync(async db => (await db.Sessions.SingleAsync(s => s.Id == id)).Document!.Front!.StorageKey);
        var backend = Api.Services.GetRequiredService<IMediaBackend>();
        var store = Api.Services.GetRequiredService<MediaStore>();
        var copy = await backend.GetAsync(storageKey, CancellationToken.None);
        Assert.NotNull(copy);
        Assert.Equal(front, await store.ReadAsync(storageKey, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);
        Assert.False(await Api.WithDbAsync(db => db.MediaDataKeys.AnyAsync(k => k.StorageKey == storageKey)));

        // A backup of the file restored after the redaction: its data key is gone with the row, so it cannot be read.
        await backend.PutAsync(storageKey, copy, CancellationToken.None);
        Assert.Null(await store.ReadAsync(storageKey, CancellationToken.None));
        Assert.ThrowsAny<CryptographicException>(() => Api.Services.GetRequiredService<MediaCipher>().Open(storageKey, copy, null));
        await backend.DeleteAsync([storageKey], CancellationToken.None);
    }

    [Fact]
    public async Task Media_sealed_before_key_ids_is_still_read_with_the_original_key()
    {
        var store = Api.Services.GetRequiredService<MediaStore>();
        var backend = Api.Services.GetRequiredService<IMediaBackend>();
        var storageKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var plain = Png(42);
        var originalKey = Api.Services.GetRequiredService<MediaCipher>().MasterKeys.Get(0);
        await backend.PutAsync(storageKey, LegacyMedia.Seal(originalKey, storageKey, plain), CancellationToken.None);

        Assert.Equal(plain, await store.ReadAsync(storageKey, CancellationToken.None));
        await store.DeleteAsync([storageKey], CancellationToken.None);
        Assert.Null(await store.ReadAsync(storageKey, CancellationToken.None));
    }

    private async Task<(int Exit, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["VERILOCK__DATABASE__PROVIDER"] = Api.Database.Provider;
        if (Api.Database.ConnectionString is { } connection)
            start.Environment["VERILOCK__DATABASE__CONNECTIONSTRING"] = connection;
        start.ArgumentList.Add(ServerDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(Api.Database.DataDirectory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (process.ExitCode, await output, await error);
    }
}

public sealed class MasterKeyRotationTestsOnSqlite(SqliteApiFixture api) : MasterKeyRotationTests(api), IClassFixture<SqliteApiFixture>;

public sealed class MasterKeyRotationTestsOnPostgres(PostgresApiFixture api) : MasterKeyRotationTests(api), IClassFixture<PostgresApiFixture>;

/// <summary>Media files as servers wrote them before key ids (<c>VLM1</c>: the data key sealed inside the file by master key 0).</summary>
internal static class LegacyMedia
{
    public static byte[] Seal(byte[] masterKey, string storageKey, ReadOnlySpan<byte> plain)
    {
        var associated = Encoding.ASCII.GetBytes(storageKey);
        var output = new byte[4 + 12 + 16 + 32 + 12 + 16 + plain.Length];
        "VLM1"u8.CopyTo(output);
        var fileKey = RandomNumberGenerator.GetBytes(32);
        RandomNumberGenerator.Fill(output.AsSpan(4, 12));
        using (var master = new AesGcm(masterKey, 16))
            master.Encrypt(output.AsSpan(4, 12), fileKey, output.AsSpan(32, 32), output.AsSpan(16, 16), associated);
        RandomNumberGenerator.Fill(output.AsSpan(64, 12));
        using var file = new AesGcm(fileKey, 16);
        file.Encrypt(output.AsSpan(64, 12), plain, output.AsSpan(92), output.AsSpan(76, 16), associated);
        return output;
    }
}
