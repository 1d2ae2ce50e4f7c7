using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using Verilock.Server.Api;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// A C# client generated from the OpenAPI document by a third-party generator (NSwag), compiled in memory with Roslyn
/// and loaded, as an integrator who never saw our code would make one. Its calls are made by reflection: the types
/// exist only at run time.
/// </summary>
public sealed class GeneratedClient
{
    public const string Namespace = "Generated.Verilock";
    public const string ClassName = "VerilockApiClient";

    private static readonly Lazy<Task<GeneratedClient>> Shared = new(() => Task.Run(CreateAsync));

    private GeneratedClient(string code, Assembly assembly)
    {
        Code = code;
        Assembly = assembly;
    }

    public string Code { get; }
    public Assembly Assembly { get; }

    public static Task<GeneratedClient> LoadAsync() => Shared.Value;

    /// <summary>A new instance of the generated client over <paramref name="http"/> (whose base address and key it uses).</summary>
    public object NewClient(HttpClient http) => Activator.CreateInstance(Type(ClassName), http)!;

    public Type Type(string name) => Assembly.GetType($"{Namespace}.{name}", throwOnError: true)!;

    /// <summary>Calls the generated <paramref name="method"/>'s overload that takes a cancellation token; parameters not named are null.</summary>
    public static async Task<object?> CallAsync(object client, string method, params (string Name, object? Value)[] arguments)
    {
        var overload = client.GetType().GetMethods()
            .Single(m => m.Name == method && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken));
        var values = overload.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken)
            ? TestContext.Current.CancellationToken
            : arguments.SingleOrDefault(a => a.Name == p.Name).Value).ToArray();
        var task = (Task)overload.Invoke(client, values)!;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }

    /// <summary>A property of a generated object, by its C# name.</summary>
    public static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);

    private static async Task<GeneratedClient> CreateAsync()
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(await OpenApiExport.ToJsonAsync());
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClassName,
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings = { Namespace = Namespace, JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Generated.Verilock.Client",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10);
            throw new Xunit.Sdk.XunitException("The NSwag client does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
        image.Position = 0;
        return new GeneratedClient(code, new AssemblyLoadContext("generated-verilock-client").LoadFromStream(image));
    }
}
