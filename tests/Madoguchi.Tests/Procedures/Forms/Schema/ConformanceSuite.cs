using System.Text.Json;
using Madoguchi.Procedures.Forms.Schema;

namespace Madoguchi.Tests.Procedures.Forms.Schema;

/// <summary>
/// The official JSON-Schema-Test-Suite checked out beside the repository (shared/conformance),
/// with its remotes/ registered at http://localhost:1234/ as the suite expects.
/// </summary>
internal static class ConformanceSuite
{
    private static readonly Lazy<string> RepositoryRoot = new(ArchitectureTests.RepoRoot);
    private static readonly Lazy<string> Root = new(() =>
        Path.GetFullPath(Path.Combine(RepositoryRoot.Value, "..", "shared", "conformance", "json-schema-test-suite")));
    private static readonly Lazy<SchemaRegistry> SharedRegistry = new(BuildRegistry);

    public static string RequiredTestsFolder => Path.Combine(Root.Value, "tests", "draft2020-12");

    public static SchemaRegistry Registry => SharedRegistry.Value;

    public static IEnumerable<string> RequiredFiles() =>
        Directory.GetFiles(RequiredTestsFolder, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

    public static JsonElement ReadFile(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RequiredTestsFolder, fileName)));
        return document.RootElement.Clone();
    }

    /// <summary>The known-failures list is read from the source tree, beside this file.</summary>
    public static string KnownFailuresFile =>
        Path.Combine(RepositoryRoot.Value, "tests", "Madoguchi.Tests", "Procedures", "Forms", "Schema", "conformance-known-failures.txt");

    private static SchemaRegistry BuildRegistry()
    {
        var registry = new SchemaRegistry();
        var remotes = Path.Combine(Root.Value, "remotes");
        foreach (var file in Directory.GetFiles(remotes, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(remotes, file).Replace(Path.DirectorySeparatorChar, '/');
            registry.Register(new Uri("http://localhost:1234/" + relative), File.ReadAllText(file));
        }
        return registry;
    }
}
