using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// The draft 2020-12 meta-schema and its vocabulary meta-schemas, shipped as embedded resources
/// because schemas refer to them by URI and we never fetch anything from the network.
/// </summary>
internal static class MetaSchemas
{
    private const string ResourcePrefix = "Madoguchi.Procedures.Forms.Schema.MetaSchemas.";

    private static readonly Lazy<IReadOnlyList<(Uri Uri, JsonElement Document)>> Loaded = new(Load);

    public static IReadOnlyList<(Uri Uri, JsonElement Document)> All => Loaded.Value;

    private static IReadOnlyList<(Uri Uri, JsonElement Document)> Load()
    {
        var assembly = typeof(MetaSchemas).Assembly;
        var documents = new List<(Uri, JsonElement)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded meta-schema {name} is missing.");
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement.Clone();
            documents.Add((new Uri(root.GetProperty("$id").GetString()!), root));
        }
        return documents;
    }
}
