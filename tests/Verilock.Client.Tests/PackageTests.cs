using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Verilock.Client.Tests;

/// <summary>The package's other target: the solution build makes the .NET 8 assembly, and it is one.</summary>
public sealed class PackageTests
{
    [Fact]
    public void The_solution_build_made_a_net8_assembly_that_references_only_the_NET_8_framework()
    {
        var configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepositoryRoot(), "src", "Verilock.Client", "bin", configuration, "net8.0", "Verilock.Client.dll");
        Assert.True(File.Exists(path), $"No .NET 8 build at {path}.");

        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        Assert.Equal(".NETCoreApp,Version=v8.0", TargetFramework(metadata));
        var runtime = metadata.AssemblyReferences.Select(metadata.GetAssemblyReference).Single(r => metadata.GetString(r.Name) == "System.Runtime");
        Assert.Equal(8, runtime.Version.Major);
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        Assert.All(references, name => Assert.True(
            name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name is "System" or "netstandard",
            $"{name} is neither the BCL nor Microsoft.Extensions.*"));
    }

    [Fact]
    public void The_net10_assembly_this_test_runs_against_is_the_same_surface()
    {
        Assert.Equal(".NETCoreApp,Version=v10.0", typeof(VerilockClient).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName);
    }

    private static string TargetFramework(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (metadata.GetString(type.Name) != "TargetFrameworkAttribute")
                continue;
            var blob = metadata.GetBlobReader(attribute.Value);
            blob.ReadUInt16(); // prolog
            return blob.ReadSerializedString()!;
        }
        throw new Xunit.Sdk.XunitException("The assembly has no TargetFrameworkAttribute.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verilock.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Verilock.sln above {AppContext.BaseDirectory}.");
    }
}
