using Microsoft.Extensions.Options;

namespace Verilock.Server.Hosting;

public static class VerilockConfiguration
{
    public const string DataDirVariable = "VERILOCK_DATA_DIR";

    /// <summary>The data folder: <c>--data-dir</c>, else <c>VERILOCK_DATA_DIR</c>, else <c>Verilock:DataDir</c>, else <c>./data</c>.</summary>
    public static void ApplyDataDirectory(ConfigurationManager configuration, string? fromCommandLine)
    {
        var chosen = fromCommandLine ?? Environment.GetEnvironmentVariable(DataDirVariable);
        if (!string.IsNullOrWhiteSpace(chosen))
            configuration[$"{VerilockOptions.Section}:{nameof(VerilockOptions.DataDir)}"] = chosen;
        var current = configuration[$"{VerilockOptions.Section}:{nameof(VerilockOptions.DataDir)}"] ?? "data";
        configuration[$"{VerilockOptions.Section}:{nameof(VerilockOptions.DataDir)}"] = Path.GetFullPath(current);
    }

    /// <summary>Reads and validates the section; a bad setting stops start-up with every problem listed.</summary>
    public static VerilockOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(VerilockOptions.Section).Get<VerilockOptions>() ?? new VerilockOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
            throw new OptionsValidationException(VerilockOptions.Section, typeof(VerilockOptions), problems);
        return options;
    }
}
