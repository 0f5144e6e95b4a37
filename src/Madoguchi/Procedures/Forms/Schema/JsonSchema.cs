using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// A compiled JSON Schema (draft 2020-12). Compile once per form definition, then evaluate every
/// submission; evaluation never throws, whatever the instance.
/// </summary>
public sealed class JsonSchema
{
    /// <summary>Holds only the meta-schemas; shared because nobody outside can register into it.</summary>
    private static readonly Lazy<SchemaRegistry> MetaSchemasOnly = new(() => new SchemaRegistry());

    private readonly SchemaNode root;
    private readonly SchemaResolver resolver;

    private JsonSchema(SchemaNode root, SchemaResolver resolver)
    {
        this.root = root;
        this.resolver = resolver;
    }

    /// <exception cref="InvalidSchemaException">The text is not JSON or not a valid schema.</exception>
    public static JsonSchema Parse(string json, Uri? baseUri = null, SchemaRegistry? registry = null) =>
        Parse(ParseJson(json), baseUri, registry);

    /// <param name="schema">The schema document.</param>
    /// <param name="baseUri">Where the document lives; relative <c>$id</c>s and <c>$ref</c>s resolve against it.</param>
    /// <param name="registry">Other documents that <c>$ref</c> may name; only the meta-schemas when omitted.</param>
    /// <exception cref="InvalidSchemaException">The document is not a valid schema, or a <c>$ref</c> names nothing.</exception>
    public static JsonSchema Parse(JsonElement schema, Uri? baseUri = null, SchemaRegistry? registry = null)
    {
        if (baseUri is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The base URI must be absolute.", nameof(baseUri));
        }
        registry ??= MetaSchemasOnly.Value;
        var ownIndex = new SchemaIndex();
        var resolver = new SchemaResolver(ownIndex, registry.Index);
        var compiler = new SchemaCompiler(ownIndex, resolver);
        // Without a base URI the document gets a unique one, so its relative $ids cannot collide with other documents'.
        var documentUri = baseUri?.AbsoluteUri ?? $"https://madoguchi.invalid/schemas/{Guid.NewGuid():N}/schema.json";
        var root = compiler.CompileDocument(schema.Clone(), documentUri);
        foreach (var node in compiler.NodesWithReferences)
        {
            if (node.Ref is { } reference)
            {
                node.RefTarget = resolver.Resolve(reference) ?? throw Unresolved(node, "$ref", reference);
            }
            if (node.DynamicRef is { } dynamicReference && resolver.Resolve(dynamicReference) is null)
            {
                throw Unresolved(node, "$dynamicRef", dynamicReference);
            }
        }
        return new JsonSchema(root, resolver);
    }

    public static bool TryParse(JsonElement schema, Uri? baseUri, SchemaRegistry? registry, [NotNullWhen(true)] out JsonSchema? compiled, [NotNullWhen(false)] out string? error)
    {
        try
        {
            compiled = Parse(schema, baseUri, registry);
            error = null;
            return true;
        }
        catch (InvalidSchemaException exception)
        {
            compiled = null;
            error = exception.Message;
            return false;
        }
    }

    public SchemaEvaluationResult Evaluate(JsonElement instance, SchemaEvaluationOptions? options = null) =>
        new SchemaEvaluator(resolver, options ?? SchemaEvaluationOptions.Default).Evaluate(root, instance);

    private static InvalidSchemaException Unresolved(SchemaNode node, string keyword, string reference) =>
        new($"Invalid schema at {node.Location}: {keyword} \"{reference}\" does not name a known schema; register the document first.");

    internal static JsonElement ParseJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidSchemaException($"The schema is not valid JSON: {exception.Message}");
        }
    }
}
