using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Aml;
using Verilock.Server.Api;
using Verilock.Server.Checks;
using Verilock.Server.Dashboard;
using Verilock.Server.Limits;
using Verilock.Server.Media;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Hosting;

public static class VerilockConfiguration
{
    public const string DataDirVariable = "VERILOCK_DATA_DIR";

    private const string DataDirKey = $"{VerilockOptions.Section}:{nameof(VerilockOptions.DataDir)}";

    /// <summary>The data folder: <c>--data-dir</c>, else <c>VERILOCK_DATA_DIR</c>, else <c>Verilock:DataDir</c>, else <c>./data</c>.</summary>
    public static void ApplyDataDirectory(ConfigurationManager configuration, string? fromCommandLine)
    {
        var chosen = fromCommandLine ?? Environment.GetEnvironmentVariable(DataDirVariable);
        if (!string.IsNullOrWhiteSpace(chosen))
            configuration[DataDirKey] = chosen;
        configuration[DataDirKey] = Path.GetFullPath(configuration[DataDirKey] ?? "data");
    }

    /// <summary>The data folder as configured (made absolute by <see cref="ApplyDataDirectory"/>).</summary>
    public static string DataDirectory(IConfiguration configuration) => configuration[DataDirKey] ?? Path.GetFullPath("data");

    /// <summary>
    /// Binds each feature's options to its own section (same keys as ever) with an <see cref="IValidateOptions{T}"/>
    /// over the feature's <c>Problems()</c>, validated on start; <see cref="ValidateAll"/> checks them all at once
    /// earlier. A new feature adds its line here. The order is the order problems are listed in.
    /// </summary>
    public static IServiceCollection AddVerilockOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFeatureOptions<DatabaseOptions>(configuration, "Database", o => o.Problems());
        services.AddFeatureOptions<RateLimitOptions>(configuration, "RateLimit", o => o.Problems());
        services.AddFeatureOptions<AdmissionOptions>(configuration, "Admission", o => o.Problems());
        services.AddFeatureOptions<HousekeepingOptions>(configuration, "Housekeeping", o => o.Problems());
        services.AddFeatureOptions<WebhookOptions>(configuration, "Webhooks", o => o.Problems());
        services.AddFeatureOptions<AmlOptions>(configuration, "Aml", o => o.Problems());
        services.AddFeatureOptions<Transactions.TransactionOptions>(configuration, "Transactions", o => o.Problems());
        services.AddFeatureOptions<MediaOptions>(configuration, "Media", o => o.Problems());
        services.AddFeatureOptions<CheckOptions>(configuration, "Checks", o => o.Problems());
        services.AddFeatureOptions<Faces.BiometricOptions>(configuration, "Biometrics", o => o.Problems());
        services.AddFeatureOptions<DashboardOptions>(configuration, "Dashboard", o => o.Problems());
        services.AddFeatureOptions<AbuseLimitOptions>(configuration, "Limits", o => o.Problems());
        services.AddFeatureOptions<ProxyOptions>(configuration, "ForwardedHeaders", o => o.Problems());

        services.AddSingleton<IValidateOptions<VerilockOptions>>(new ProblemsValidation<VerilockOptions>(o => o.Problems()));
        // Read when validated, after the host's own settings (--urls, UseUrls) are in the configuration.
        services.AddSingleton<IValidateOptions<VerilockOptions>>(
            new ProblemsValidation<VerilockOptions>(o => o.BindingProblems(ServerBinding.From(configuration))));
        services.AddOptions<VerilockOptions>().Bind(configuration.GetSection(VerilockOptions.Section)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Validates every feature's options now, before anything uses them (the host would at start, after the
    /// database is migrated); a bad setting stops start-up with every problem of every feature in one message.
    /// </summary>
    public static void ValidateAll(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            IEnumerable<Exception> failed = ex is AggregateException all ? all.InnerExceptions : [ex];
            throw new OptionsValidationException(VerilockOptions.Section, typeof(VerilockOptions),
                failed.OfType<OptionsValidationException>().SelectMany(e => e.Failures));
        }
    }

    private static void AddFeatureOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new ProblemsValidation<T>(problems));
        services.AddOptions<T>().Bind(configuration.GetSection($"{VerilockOptions.Section}:{section}")).ValidateOnStart();
    }

    /// <summary>A feature's options are valid when their <c>Problems()</c> lists none; every one listed is a failure.</summary>
    private sealed class ProblemsValidation<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
