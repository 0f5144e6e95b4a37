using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// The unevaluated vocabulary: runs last in a schema object, after every sibling and in-place
/// applicator ($ref, allOf, if, …) has reported which properties and items it evaluated.
/// </summary>
internal sealed partial class SchemaEvaluator
{
    private bool EvaluateUnevaluated(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors, EvaluatedLocations evaluated)
    {
        var valid = true;
        if (node.UnevaluatedItems is { } unevaluatedItems && instance.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                if (!evaluated.HasItem(index))
                {
                    valid &= EvaluateChild(node, "unevaluatedItems", unevaluatedItems, item, location.Item(index), errors);
                }
                index++;
            }
            evaluated.AddAllItems();
        }
        if (node.UnevaluatedProperties is { } unevaluatedProperties && instance.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in instance.EnumerateObject())
            {
                if (!evaluated.HasProperty(property.Name))
                {
                    valid &= EvaluateChild(node, "unevaluatedProperties", unevaluatedProperties, property.Value, location.Property(property.Name), errors);
                    evaluated.AddProperty(property.Name);
                }
            }
        }
        return valid;
    }
}
