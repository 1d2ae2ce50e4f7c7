using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Verilock.Server.Aml;

namespace Verilock.Server.Cli;

/// <summary>
/// <c>lists refresh</c>: fetches the sanctions lists now (offline: re-reads <c>Verilock:Aml:ListsDirectory</c>) into
/// the cache folder the servers load at start, and reports each list's version. Monitoring is left to the servers: a
/// running one keeps its copy until its own next refresh or restart, and re-screens then.
/// </summary>
public static class ListsCommand
{
    public static Command Create(Option<string?> dataDir)
    {
        var refresh = new Command("refresh", "Fetch the AML lists now and report their versions; exits 1 if any failed");
        refresh.SetAction((parsed, cancellationToken) => CommandLine.WithServicesAsync(parsed.GetValue(dataDir), async services =>
        {
            var lists = services.GetRequiredService<AmlListRefresh>();
            var holder = services.GetRequiredService<ScreeningIndexHolder>();
            // The copies already here first, so a list whose files did not change is reported unchanged, not new.
            await lists.LoadAtStartupAsync(cancellationToken);
            var outcome = await lists.RefreshAsync(cancellationToken);
            var aml = services.GetRequiredService<IOptions<AmlOptions>>().Value;
            var ids = aml.IsOffline
                ? (holder.Current?.Lists.Select(l => l.Id) ?? []).Concat(outcome.Failed).Distinct().ToList()
                : aml.Downloads().Select(d => d.ListId).ToList();
            foreach (var id in ids)
                Console.WriteLine(Describe(id, holder.Current?.Find(id), outcome));
            var unchanged = ids.Count - outcome.Updated.Count - outcome.Failed.Count;
            Console.WriteLine($"{ids.Count} list{(ids.Count == 1 ? "" : "s")}: {outcome.Updated.Count} updated, {unchanged} unchanged, {outcome.Failed.Count} failed.");
            return outcome.Failed.Count == 0 ? 0 : 1;
        }, AddServices, prepareDatabase: false));
        return new Command("lists", "Manage the AML sanctions lists") { Subcommands = { refresh } };
    }

    private static string Describe(string id, LoadedList? list, AmlListRefresh.Outcome outcome)
    {
        var copy = list is null
            ? null
            : $"version {list.List.Metadata.Version} ({list.List.Metadata.EntityCount.ToString(CultureInfo.InvariantCulture)} entities)";
        if (outcome.Failed.Contains(id))
            return copy is null ? $"{id}: failed, no copy to keep" : $"{id}: failed, kept {copy}";
        return outcome.Updated.Contains(id) ? $"{id}: updated to {copy}" : $"{id}: unchanged, {copy}";
    }

    private static void AddServices(IServiceCollection services)
    {
        services.AddAml();
        // Why a download failed goes to stderr; the report on stdout stays the lines above.
        services.AddLogging(logging => logging
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter((category, level) => level >= LogLevel.Warning && category?.StartsWith("Verilock", StringComparison.Ordinal) == true));
        services.PostConfigure<AmlOptions>(aml => aml.Monitoring = false);
    }
}
