using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>The applicator vocabulary: keywords that apply subschemas and combine their results.</summary>
internal sealed partial class SchemaEvaluator
{
    private bool EvaluateApplicators(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors, EvaluatedLocations evaluated)
    {
        var valid = true;
        foreach (var subschema in node.AllOf ?? [])
        {
            valid &= EvaluateInPlace(subschema, instance, location, errors, evaluated);
        }
        if (node.AnyOf is { } anyOf)
        {
            // Every branch runs: each passing branch contributes annotations for unevaluated*.
            var matched = false;
            foreach (var subschema in anyOf)
            {
                matched |= EvaluateInPlace(subschema, instance, location, null, evaluated);
            }
            if (!matched)
            {
                Report(errors, node, "anyOf", location);
                valid = false;
            }
        }
        if (node.OneOf is { } oneOf)
        {
            var matches = 0;
            var chosen = new EvaluatedLocations();
            foreach (var subschema in oneOf)
            {
                if (Evaluate(subschema, instance, location, null, out var inner))
                {
                    matches++;
                    chosen = inner;
                }
            }
            if (matches == 1)
            {
                evaluated.Merge(chosen);
            }
            else
            {
                Report(errors, node, "oneOf", location);
                valid = false;
            }
        }
        if (node.Not is { } not && Evaluate(not, instance, location, null, out _))
        {
            Report(errors, node, "not", location);
            valid = false;
        }
        if (node.If is { } condition)
        {
            if (EvaluateInPlace(condition, instance, location, null, evaluated))
            {
                valid &= node.Then is null || EvaluateInPlace(node.Then, instance, location, errors, evaluated);
            }
            else
            {
                valid &= node.Else is null || EvaluateInPlace(node.Else, instance, location, errors, evaluated);
            }
        }
        if (instance.ValueKind == JsonValueKind.Object)
        {
            valid &= EvaluateObjectApplicators(node, instance, location, errors, evaluated);
        }
        else if (instance.ValueKind == JsonValueKind.Array)
        {
            valid &= EvaluateArrayApplicators(node, instance, location, errors, evaluated);
        }
        return valid;
    }

    private bool EvaluateObjectApplicators(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors, EvaluatedLocations evaluated)
    {
        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var propertyLocation = location.Property(property.Name);
            var matched = false;
            if (node.Properties is { } properties && properties.TryGetValue(property.Name, out var propertySchema))
            {
                matched = true;
                evaluated.AddProperty(property.Name);
                valid &= EvaluateChild(node, "properties", propertySchema, property.Value, propertyLocation, errors);
            }
            foreach (var (pattern, patternSchema) in node.PatternProperties ?? [])
            {
                switch (Matches(pattern, property.Name))
                {
                    case true:
                        matched = true;
                        evaluated.AddProperty(property.Name);
                        valid &= EvaluateChild(node, "patternProperties", patternSchema, property.Value, propertyLocation, errors);
                        break;
                    case null:
                        Report(errors, node, "patternProperties", propertyLocation, message: ErrorMessages.PatternTimedOut);
                        valid = false;
                        break;
                }
            }
            if (!matched && node.AdditionalProperties is { } additional)
            {
                evaluated.AddProperty(property.Name);
                valid &= EvaluateChild(node, "additionalProperties", additional, property.Value, propertyLocation, errors);
            }
            if (node.PropertyNames is { } propertyNames
                && !Evaluate(propertyNames, JsonSerializer.SerializeToElement(property.Name), propertyLocation, null, out _))
            {
                Report(errors, node, "propertyNames", propertyLocation);
                valid = false;
            }
        }
        foreach (var (name, dependentSchema) in node.DependentSchemas ?? [])
        {
            if (instance.TryGetProperty(name, out _))
            {
                valid &= EvaluateInPlace(dependentSchema, instance, location, errors, evaluated);
            }
        }
        return valid;
    }

    private bool EvaluateArrayApplicators(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors, EvaluatedLocations evaluated)
    {
        var valid = true;
        var prefixLength = 0;
        var index = 0;
        var matchedByContains = 0;
        foreach (var item in instance.EnumerateArray())
        {
            var itemLocation = location.Item(index);
            if (node.PrefixItems is { } prefixItems && index < prefixItems.Length)
            {
                prefixLength = index + 1;
                valid &= EvaluateChild(node, "prefixItems", prefixItems[index], item, itemLocation, errors);
            }
            else if (node.Items is { } items)
            {
                evaluated.AddAllItems();
                valid &= EvaluateChild(node, "items", items, item, itemLocation, errors);
            }
            if (node.Contains is { } contains && Evaluate(contains, item, itemLocation, null, out _))
            {
                matchedByContains++;
                evaluated.AddItem(index);
            }
            index++;
        }
        evaluated.AddPrefix(prefixLength);
        if (node.Contains is not null)
        {
            var countsApply = node.Vocabularies.HasFlag(SchemaVocabularies.Validation);
            var minimum = countsApply ? node.MinContains ?? 1 : 1;
            if (matchedByContains < minimum)
            {
                Report(errors, node, countsApply && node.MinContains is not null ? "minContains" : "contains", location);
                valid = false;
            }
            if (countsApply && node.MaxContains is { } maximum && matchedByContains > maximum)
            {
                Report(errors, node, "maxContains", location);
                valid = false;
            }
        }
        return valid;
    }
}
