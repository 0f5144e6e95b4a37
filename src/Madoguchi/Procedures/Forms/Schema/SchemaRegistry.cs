using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Schema documents known by URI, for <c>$ref</c> across documents. Nothing is ever fetched: a
/// document that a form's schema refers to must be registered here first. The draft 2020-12
/// meta-schemas are always present.
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
        new SchemaCompiler(Index, Resolver).CompileDocument(document.Clone(), uri.AbsoluteUri);
    }

    /// <inheritdoc cref="Register(Uri, JsonElement)"/>
    public void Register(Uri uri, string json) => Register(uri, JsonSchema.ParseJson(json));
}
