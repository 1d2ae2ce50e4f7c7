using System.CommandLine;
using Verilock.Server.Api;

namespace Verilock.Server.Cli;

/// <summary>
/// <c>openapi [--out FILE]</c>: writes the API's OpenAPI document (<see cref="OpenApiExport"/>) to standard output or
/// a file, without a server or a data folder. <c>docs/openapi.json</c> is this command's output, kept in the
/// repository so a change to the contract shows in review.
/// </summary>
public static class OpenApiCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write the document to this file instead of standard output" };
        var command = new Command("openapi", "Write the API's OpenAPI document (as GET /openapi/v1.json serves it)") { Options = { output } };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var json = await OpenApiExport.ToJsonAsync(cancellationToken);
            if (parsed.GetValue(output) is { } file)
                await File.WriteAllTextAsync(file.FullName, json + "\n", cancellationToken);
            else
                Console.WriteLine(json);
            return 0;
        });
        return command;
    }
}
