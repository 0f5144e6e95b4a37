using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Turns a schema document into <see cref="SchemaNode"/>s and indexes every resource, anchor and
/// pointer location so that <c>$ref</c> can find them. Only subschemas in known applicator
/// keywords are walked: an <c>$id</c> inside an unknown keyword or an <c>enum</c> is just data.
/// </summary>
internal sealed partial class SchemaCompiler(SchemaIndex index, SchemaResolver resolver)
{
    /// <summary>A schema resource enclosing the node being compiled, and the pointer from it to that node.</summary>
    private readonly record struct EnclosingResource(string Uri, string Pointer);

    private readonly List<SchemaNode> nodesWithReferences = [];

    /// <summary>Nodes compiled so far that carry <c>$ref</c> or <c>$dynamicRef</c>, so the caller can check they resolve.</summary>
    public IReadOnlyList<SchemaNode> NodesWithReferences => nodesWithReferences;

    public SchemaNode CompileDocument(JsonElement root, string baseUri)
    {
        var (resource, _) = UriReferences.Split(baseUri);
        return Compile(root, resource, [new EnclosingResource(resource, "")], SchemaVocabularies.Standard, isResourceRoot: true);
    }

    /// <summary>Compiles a location that a JSON Pointer reaches but no keyword marked as a schema.</summary>
    public SchemaNode CompileDetached(JsonElement element, string resourceUri, string pointer, SchemaVocabularies vocabularies) =>
        Compile(element, resourceUri, [new EnclosingResource(resourceUri, pointer)], vocabularies, isResourceRoot: false);

    private SchemaNode Compile(JsonElement element, string baseUri, EnclosingResource[] enclosing, SchemaVocabularies vocabularies, bool isResourceRoot)
    {
        var here = enclosing[^1];
        var location = here.Uri + "#" + here.Pointer;
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            var booleanNode = new SchemaNode { Element = element, BooleanValue = element.GetBoolean(), ResourceUri = baseUri, Location = location, Vocabularies = vocabularies };
            Register(booleanNode, enclosing);
            return booleanNode;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(location, $"a schema must be an object or a boolean, not {element.ValueKind}");
        }

        if (element.TryGetProperty("$id", out var id))
        {
            var (resource, fragment) = UriReferences.Split(UriReferences.Resolve(baseUri, ReadString(id, location, "$id")));
            if (!string.IsNullOrEmpty(fragment))
            {
                throw Invalid(location, "$id must not contain a non-empty fragment; use $anchor");
            }
            baseUri = resource;
            enclosing = [.. enclosing, new EnclosingResource(resource, "")];
            location = resource + "#";
            isResourceRoot = true;
        }
        if (isResourceRoot && element.TryGetProperty("$schema", out var metaSchema))
        {
            vocabularies = VocabulariesOf(UriReferences.Resolve(baseUri, ReadString(metaSchema, location, "$schema")), location);
        }

        var node = new SchemaNode { Element = element, ResourceUri = baseUri, Location = location, Vocabularies = vocabularies };
        Register(node, enclosing);
        ReadCore(node, element, baseUri, location);
        ReadApplicators(node, element, baseUri, enclosing, vocabularies);
        ReadValidation(node, element, location);
        return node;
    }

    private void Register(SchemaNode node, EnclosingResource[] enclosing)
    {
        foreach (var resource in enclosing)
        {
            if (resource.Pointer.Length > 0)
            {
                index.AddFragment(resource.Uri, resource.Pointer, node);
            }
            else
            {
                index.AddResource(resource.Uri, node);
            }
        }
    }

    private void ReadCore(SchemaNode node, JsonElement element, string baseUri, string location)
    {
        if (element.TryGetProperty("$anchor", out var anchor))
        {
            index.AddFragment(baseUri, ReadString(anchor, location, "$anchor"), node);
        }
        if (element.TryGetProperty("$dynamicAnchor", out var dynamicAnchor))
        {
            node.DynamicAnchor = ReadString(dynamicAnchor, location, "$dynamicAnchor");
            index.AddFragment(baseUri, node.DynamicAnchor, node);
            index.AddDynamicAnchor(baseUri, node.DynamicAnchor, node);
        }
        if (element.TryGetProperty("$ref", out var reference))
        {
            node.Ref = UriReferences.Resolve(baseUri, ReadString(reference, location, "$ref"));
        }
        if (element.TryGetProperty("$dynamicRef", out var dynamicReference))
        {
            node.DynamicRef = UriReferences.Resolve(baseUri, ReadString(dynamicReference, location, "$dynamicRef"));
        }
        if (node.Ref is not null || node.DynamicRef is not null)
        {
            nodesWithReferences.Add(node);
        }
        if (element.TryGetProperty("x-error-message", out var message))
        {
            if (message.ValueKind == JsonValueKind.Object && message.EnumerateObject().Any(entry => entry.Value.ValueKind != JsonValueKind.String)
                || message.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
            {
                throw Invalid(location, "x-error-message must be a string or an object of strings keyed by keyword");
            }
            node.ErrorMessage = message;
        }
    }

    private void ReadApplicators(SchemaNode node, JsonElement element, string baseUri, EnclosingResource[] enclosing, SchemaVocabularies vocabularies)
    {
        SchemaNode Child(JsonElement child, params string[] segments)
        {
            var suffix = string.Concat(segments.Select(segment => "/" + JsonPointer.Escape(segment)));
            var childEnclosing = enclosing.Select(resource => resource with { Pointer = resource.Pointer + suffix }).ToArray();
            return Compile(child, baseUri, childEnclosing, vocabularies, isResourceRoot: false);
        }

        SchemaNode? SchemaSingle(string keyword) => element.TryGetProperty(keyword, out var child) ? Child(child, keyword) : null;

        SchemaNode[]? SchemaArray(string keyword)
        {
            if (!element.TryGetProperty(keyword, out var children))
            {
                return null;
            }
            if (children.ValueKind != JsonValueKind.Array || children.GetArrayLength() == 0)
            {
                throw Invalid(node.Location, $"{keyword} must be a non-empty array of schemas");
            }
            return children.EnumerateArray().Select((child, i) => Child(child, keyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        }

        Dictionary<string, SchemaNode>? SchemaMap(string keyword)
        {
            if (!element.TryGetProperty(keyword, out var children))
            {
                return null;
            }
            if (children.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(node.Location, $"{keyword} must be an object of schemas");
            }
            var map = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            foreach (var child in children.EnumerateObject())
            {
                map[child.Name] = Child(child.Value, keyword, child.Name);
            }
            return map;
        }

        SchemaMap("$defs");
        node.AllOf = SchemaArray("allOf");
        node.AnyOf = SchemaArray("anyOf");
        node.OneOf = SchemaArray("oneOf");
        node.PrefixItems = SchemaArray("prefixItems");
        node.Not = SchemaSingle("not");
        node.If = SchemaSingle("if");
        node.Then = SchemaSingle("then");
        node.Else = SchemaSingle("else");
        node.DependentSchemas = SchemaMap("dependentSchemas");
        if (element.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            throw Invalid(node.Location, "items must be a single schema in draft 2020-12; use prefixItems for a tuple");
        }
        node.Items = SchemaSingle("items");
        node.Contains = SchemaSingle("contains");
        node.Properties = SchemaMap("properties");
        node.PatternProperties = SchemaMap("patternProperties")?.Select(entry => (CompilePattern(entry.Key, node.Location), entry.Value)).ToList();
        node.AdditionalProperties = SchemaSingle("additionalProperties");
        node.PropertyNames = SchemaSingle("propertyNames");
        node.UnevaluatedItems = SchemaSingle("unevaluatedItems");
        node.UnevaluatedProperties = SchemaSingle("unevaluatedProperties");
        // Content and meta-data keywords are annotations; contentSchema is compiled so $ref into it works.
        SchemaSingle("contentSchema");
    }

    private SchemaVocabularies VocabulariesOf(string metaSchemaUri, string location)
    {
        var (resource, _) = UriReferences.Split(metaSchemaUri);
        if (resource == VocabularyUris.StandardMetaSchema)
        {
            return SchemaVocabularies.Standard;
        }
        // A meta-schema we do not know is read as the standard dialect, so a typo in $schema does not
        // block a form; only a meta-schema that demands a vocabulary we lack is refused.
        var metaSchema = resolver.FindResource(resource);
        if (metaSchema is null || !metaSchema.Element.TryGetProperty("$vocabulary", out var vocabularyList) || vocabularyList.ValueKind != JsonValueKind.Object)
        {
            return SchemaVocabularies.Standard;
        }
        var active = SchemaVocabularies.Core;
        foreach (var vocabulary in vocabularyList.EnumerateObject())
        {
            if (VocabularyUris.TryGet(vocabulary.Name, out var known))
            {
                active |= known;
            }
            else if (vocabulary.Value.ValueKind == JsonValueKind.True)
            {
                throw Invalid(location, $"the meta-schema requires the vocabulary {vocabulary.Name}, which is not supported");
            }
        }
        return active;
    }

    private static InvalidSchemaException Invalid(string location, string problem) => new($"Invalid schema at {location}: {problem}.");
}
