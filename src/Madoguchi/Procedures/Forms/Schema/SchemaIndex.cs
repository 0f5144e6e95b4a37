namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Where compiled nodes can be found by URI: whole resources, <c>$anchor</c>s, JSON Pointer
/// locations, and <c>$dynamicAnchor</c>s (which <c>$dynamicRef</c> searches along the dynamic scope).
/// </summary>
internal sealed class SchemaIndex
{
    private readonly Dictionary<string, SchemaNode> resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaNode> fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaNode> dynamicAnchors = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void AddResource(string uri, SchemaNode node)
    {
        lock (gate)
        {
            resources[uri] = node;
        }
    }

    public void AddFragment(string resourceUri, string fragment, SchemaNode node)
    {
        lock (gate)
        {
            fragments[resourceUri + "#" + fragment] = node;
        }
    }

    public void AddDynamicAnchor(string resourceUri, string name, SchemaNode node)
    {
        lock (gate)
        {
            dynamicAnchors[resourceUri + "#" + name] = node;
        }
    }

    /// <summary>Takes over everything another index holds; used to publish a document only once it compiled.</summary>
    public void AddAll(SchemaIndex other)
    {
        lock (other.gate)
        {
            lock (gate)
            {
                foreach (var (key, node) in other.resources)
                {
                    resources[key] = node;
                }
                foreach (var (key, node) in other.fragments)
                {
                    fragments[key] = node;
                }
                foreach (var (key, node) in other.dynamicAnchors)
                {
                    dynamicAnchors[key] = node;
                }
            }
        }
    }

    public SchemaNode? FindResource(string uri)
    {
        lock (gate)
        {
            return resources.GetValueOrDefault(uri);
        }
    }

    public SchemaNode? FindFragment(string resourceUri, string fragment)
    {
        lock (gate)
        {
            return fragments.GetValueOrDefault(resourceUri + "#" + fragment);
        }
    }

    public SchemaNode? FindDynamicAnchor(string resourceUri, string name)
    {
        lock (gate)
        {
            return dynamicAnchors.GetValueOrDefault(resourceUri + "#" + name);
        }
    }
}
