using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Finds the node a URI names, looking in a schema's own index before the shared registry, so a
/// form's schema can reuse registered documents without network access.
/// </summary>
internal sealed class SchemaResolver(params SchemaIndex[] indexes)
{
    public SchemaNode? FindResource(string uri)
    {
        foreach (var index in indexes)
        {
            if (index.FindResource(uri) is { } node)
            {
                return node;
            }
        }
        return null;
    }

    public SchemaNode? FindDynamicAnchor(string resourceUri, string name)
    {
        foreach (var index in indexes)
        {
            if (index.FindDynamicAnchor(resourceUri, name) is { } node)
            {
                return node;
            }
        }
        return null;
    }

    public SchemaNode? Resolve(string absoluteUri)
    {
        var (resource, fragment) = UriReferences.Split(absoluteUri);
        if (string.IsNullOrEmpty(fragment))
        {
            return FindResource(resource);
        }
        var key = fragment.StartsWith('/') ? JsonPointer.CanonicalFromFragment(fragment) : Uri.UnescapeDataString(fragment);
        foreach (var index in indexes)
        {
            if (index.FindFragment(resource, key) is { } node)
            {
                return node;
            }
        }
        return fragment.StartsWith('/') ? CompileDetached(resource, key) : null;
    }

    /// <summary>
    /// A pointer may reach JSON that no keyword marked as a schema (e.g. inside an unknown keyword);
    /// it is compiled on first use and indexed so later lookups find it.
    /// </summary>
    private SchemaNode? CompileDetached(string resource, string pointer)
    {
        if (FindResource(resource) is not { } root)
        {
            return null;
        }
        var element = root.Element;
        foreach (var token in JsonPointer.ParseFragment(pointer))
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(token, out var property))
            {
                element = property;
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < element.GetArrayLength())
            {
                element = element[i];
            }
            else
            {
                return null;
            }
        }
        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            return null;
        }
        return new SchemaCompiler(indexes[0], this).CompileDetached(element, resource, pointer, root.Vocabularies);
    }
}
