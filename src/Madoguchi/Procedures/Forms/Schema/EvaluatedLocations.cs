namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// The annotations that unevaluatedProperties and unevaluatedItems read: which properties and
/// items of one instance some successful subschema has already looked at.
/// </summary>
internal sealed class EvaluatedLocations
{
    private HashSet<string>? properties;
    private HashSet<int>? items;
    private int prefixCount;
    private bool allItems;

    public void AddProperty(string name) => (properties ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public bool HasProperty(string name) => properties?.Contains(name) == true;

    public void AddItem(int index) => (items ??= []).Add(index);

    public void AddPrefix(int count) => prefixCount = Math.Max(prefixCount, count);

    public void AddAllItems() => allItems = true;

    public bool HasItem(int index) => allItems || index < prefixCount || items?.Contains(index) == true;

    public void Merge(EvaluatedLocations other)
    {
        if (other.properties is not null)
        {
            (properties ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other.properties);
        }
        if (other.items is not null)
        {
            (items ??= []).UnionWith(other.items);
        }
        prefixCount = Math.Max(prefixCount, other.prefixCount);
        allItems |= other.allItems;
    }
}
