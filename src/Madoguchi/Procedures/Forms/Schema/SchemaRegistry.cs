using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Schema documents known by URI, for <c>$ref</c> across documents. Nothing is ever fetched: a
/// document that a form's schema refers to must be registered here first. The draft 2020-12
/// meta-schemas are always present. References inside registered documents are resolved when
/// first evaluated, so documents that refer to each other can be registered in any order.
/// </summary>
public sealed class SchemaRegistry
{
    public SchemaRegistry()
    {
        Resolver = new SchemaResolver(Index);
        foreach (var (uri, document) in MetaSchemas.All)
        {
            Register(uri, document);
        }
    }

    internal SchemaIndex Index { get; } = new();

    internal SchemaResolver Resolver { get; }

    /// <summary>Registers a document under <paramref name="uri"/> (and under its own <c>$id</c>s).</summary>
    /// <exception cref="InvalidSchemaException">The document is not a valid schema.</exception>
    public void Register(Uri uri, JsonElement document)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("A registered schema needs an absolute URI.", nameof(uri));
        }
        // Compiled aside first, so a document that fails half-way leaves nothing behind in the registry.
        var compiled = new SchemaIndex();
        new SchemaCompiler(compiled, new SchemaResolver(compiled, Index)).CompileDocument(document.Clone(), uri.AbsoluteUri);
        Index.AddAll(compiled);
    }

    /// <inheritdoc cref="Register(Uri, JsonElement)"/>
    public void Register(Uri uri, string json) => Register(uri, JsonSchema.ParseJson(json));
}
