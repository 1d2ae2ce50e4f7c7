using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Aml;
using Verilock.Server.Api;
using Verilock.Server.Checks;
using Verilock.Server.Dashboard;
using Verilock.Server.Hosting;
using Verilock.Server.Media;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Tests.Startup;

/// <summary>Each feature's options come from its own section under the same keys, and start-up refuses bad ones, all listed.</summary>
public sealed class OptionsTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("verilock-options-").FullName;

    private string DataDir => Path.Combine(_parent, "data");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private WebApplication Build(Dictionary<string, string?> settings) =>
        VerilockHost.Build([], DataDir, builder => builder.Configuration.AddInMemoryCollection(settings));

    [Fact]
    public void Bad_settings_in_several_features_stop_start_up_with_every_problem_in_one_message_before_the_data_folder_is_made()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["Verilock:Database:Provider"] = "mysql",
            ["Verilock:Admission:QueueLimit"] = "-1",
            ["Verilock:Webhooks:BatchSize"] = "0",
            ["Verilock:Aml:Threshold"] = "0.2",
            ["Verilock:Checks:MaxAttempts"] = "0",
            ["Verilock:Dashboard:IdleTimeout"] = "00:00:10",
            ["Verilock:PublicBaseUrl"] = "ftp://verify.example.test",
        }));

        Assert.Equal(VerilockOptions.Section, failure.OptionsName);
        Assert.Equal(typeof(VerilockOptions), failure.OptionsType);
        Assert.Equal(
            [
                "Verilock:Database:Provider must be 'sqlite' or 'postgres', not 'mysql'.",
                "Verilock:Admission:QueueLimit must be 0 or more.",
                "Verilock:Webhooks:BatchSize must be between 1 and 1000.",
                "Verilock:Aml:Threshold must be between 0.50 and 1.00.",
                "Verilock:Checks:MaxAttempts must be at least 1.",
                "Verilock:Dashboard:IdleTimeout must be at least one minute.",
                "Verilock:PublicBaseUrl must be an absolute http(s) URL.",
            ],
            failure.Failures);
        Assert.Equal(string.Join("; ", failure.Failures), failure.Message);
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public void One_bad_feature_is_reported_like_the_others()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new() { ["Verilock:Housekeeping:Interval"] = "00:00:00" }));

        Assert.Equal(typeof(VerilockOptions), failure.OptionsType);
        Assert.Equal("Verilock:Housekeeping:Interval must be positive.", failure.Message);
    }

    [Fact]
    public async Task Each_feature_reads_its_own_section_under_the_keys_it_always_had()
    {
        await using var app = Build(new()
        {
            ["Verilock:RateLimit:PermitPerMinute"] = "7",
            ["Verilock:Admission:MaxConcurrentRequests"] = "3",
            ["Verilock:Housekeeping:Interval"] = "00:00:09",
            ["Verilock:Webhooks:BatchSize"] = "11",
            ["Verilock:Aml:Threshold"] = "0.91",
            ["Verilock:Media:Store"] = "database",
            ["Verilock:Checks:Workers"] = "0",
            ["Verilock:Dashboard:IdleTimeout"] = "00:20:00",
            ["Verilock:PublicBaseUrl"] = "https://verify.example.test",
        });
        T Get<T>() where T : class => app.Services.GetRequiredService<IOptions<T>>().Value;

        Assert.Equal(DatabaseOptions.Sqlite, Get<DatabaseOptions>().Provider);
        Assert.Equal(7, Get<RateLimitOptions>().PermitPerMinute);
        Assert.Equal(3, Get<AdmissionOptions>().MaxConcurrentRequests);
        Assert.Equal(TimeSpan.FromSeconds(9), Get<HousekeepingOptions>().Interval);
        Assert.Equal(11, Get<WebhookOptions>().BatchSize);
        Assert.Equal(0.91, Get<AmlOptions>().Threshold);
        Assert.Equal(MediaOptions.Database, Get<MediaOptions>().Store);
        Assert.Equal(0, Get<CheckOptions>().Workers);
        Assert.Equal(TimeSpan.FromMinutes(20), Get<DashboardOptions>().IdleTimeout);
        var whole = Get<VerilockOptions>();
        Assert.Equal("https://verify.example.test", whole.PublicBaseUrl);
        Assert.Equal(DataDir, whole.DataDir);
        // The classes not yet moved to their feature's options see the same values.
        Assert.Equal(0, whole.Checks.Workers);
        Assert.Equal(0.91, whole.Aml.Threshold);
        Assert.True(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task The_decoding_budgets_reach_the_document_reader_and_bad_ones_stop_start_up()
    {
        await using (var app = Build(new()
        {
            ["Verilock:Checks:Decoding:MaxPixels"] = "20000000",
            ["Verilock:Checks:Decoding:MaxPdfStreamBytes"] = "8388608",
            ["Verilock:Checks:Decoding:MaxPdfDecodedBytes"] = "16777216",
        }))
        {
            var limits = app.Services.GetRequiredService<Verilock.Checks.Documents.DocumentReaderOptions>().Limits;
            Assert.Equal((20_000_000L, 8_388_608L, 16_777_216L), (limits.MaxPixels, limits.MaxPdfStreamBytes, limits.MaxPdfDecodedBytes));
        }

        var failure = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["Verilock:Checks:Decoding:MaxPixels"] = "0",
            ["Verilock:Checks:Decoding:MaxPdfStreamBytes"] = "8388608",
            ["Verilock:Checks:Decoding:MaxPdfDecodedBytes"] = "1048576",
        }));
        Assert.Equal(
            [
                "Verilock:Checks:Decoding:MaxPixels must be at least 1000000 (a phone photo is 12 million).",
                "Verilock:Checks:Decoding:MaxPdfDecodedBytes must be at least MaxPdfStreamBytes.",
            ],
            failure.Failures);
    }
}
