using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>The validation vocabulary and format assertion: checks on the instance itself.</summary>
internal sealed partial class SchemaEvaluator
{
    private static bool EvaluateValidation(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors)
    {
        var valid = true;
        void Fail(string keyword, InstancePath? at = null, SchemaNode? fieldSchema = null, string? message = null)
        {
            Report(errors, node, keyword, at ?? location, fieldSchema, message);
            valid = false;
        }

        if (node.Types is { } types && !types.Any(type => HasType(instance, type)))
        {
            Fail("type");
        }
        if (node.Enum is { } enumeration && !enumeration.EnumerateArray().Any(option => JsonEquality.AreEqual(option, instance)))
        {
            Fail("enum");
        }
        if (node.Const is { } constant && !JsonEquality.AreEqual(constant, instance))
        {
            Fail("const");
        }
        switch (instance.ValueKind)
        {
            case JsonValueKind.Number:
                if (node.MultipleOf is { } divisor && !JsonNumbers.IsMultipleOf(instance, divisor))
                {
                    Fail("multipleOf");
                }
                if (node.Maximum is { } maximum && JsonNumbers.Compare(instance, maximum) > 0)
                {
                    Fail("maximum");
                }
                if (node.ExclusiveMaximum is { } exclusiveMaximum && JsonNumbers.Compare(instance, exclusiveMaximum) >= 0)
                {
                    Fail("exclusiveMaximum");
                }
                if (node.Minimum is { } minimum && JsonNumbers.Compare(instance, minimum) < 0)
                {
                    Fail("minimum");
                }
                if (node.ExclusiveMinimum is { } exclusiveMinimum && JsonNumbers.Compare(instance, exclusiveMinimum) <= 0)
                {
                    Fail("exclusiveMinimum");
                }
                break;
            case JsonValueKind.String:
                var text = instance.GetString()!;
                if (node.MaxLength is not null || node.MinLength is not null)
                {
                    // Lengths count code points, so 𠮷 (a surrogate pair) is one character, as residents see it.
                    var length = text.EnumerateRunes().Count();
                    if (length > node.MaxLength)
                    {
                        Fail("maxLength");
                    }
                    if (length < node.MinLength)
                    {
                        Fail("minLength");
                    }
                }
                if (node.Pattern is { } pattern)
                {
                    switch (Matches(pattern, text))
                    {
                        case false:
                            Fail("pattern");
                            break;
                        case null:
                            Fail("pattern", message: ErrorMessages.PatternTimedOut);
                            break;
                    }
                }
                break;
            case JsonValueKind.Array:
                var count = instance.GetArrayLength();
                if (count > node.MaxItems)
                {
                    Fail("maxItems");
                }
                if (count < node.MinItems)
                {
                    Fail("minItems");
                }
                if (node.UniqueItems && HasDuplicate(instance))
                {
                    Fail("uniqueItems");
                }
                break;
            case JsonValueKind.Object:
                var propertyCount = instance.EnumerateObject().Count();
                if (propertyCount > node.MaxProperties)
                {
                    Fail("maxProperties");
                }
                if (propertyCount < node.MinProperties)
                {
                    Fail("minProperties");
                }
                // A missing field is reported at the field's own location, where the form shows it.
                foreach (var name in node.Required ?? [])
                {
                    if (!instance.TryGetProperty(name, out _))
                    {
                        Fail("required", location.Property(name), node.Properties?.GetValueOrDefault(name));
                    }
                }
                foreach (var (trigger, dependencies) in node.DependentRequired ?? [])
                {
                    if (!instance.TryGetProperty(trigger, out _))
                    {
                        continue;
                    }
                    foreach (var name in dependencies.Where(name => !instance.TryGetProperty(name, out _)))
                    {
                        Fail("dependentRequired", location.Property(name), node.Properties?.GetValueOrDefault(name));
                    }
                }
                break;
        }
        return valid;
    }

    private bool EvaluateFormat(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors)
    {
        var asserted = options.AssertFormats || node.Vocabularies.HasFlag(SchemaVocabularies.FormatAssertion);
        if (node.Format is not { } format || !asserted || instance.ValueKind != JsonValueKind.String || FormatChecks.IsValid(format, instance.GetString()!))
        {
            return true;
        }
        Report(errors, node, "format", location);
        return false;
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && JsonNumbers.IsInteger(instance),
        _ => false,
    };

    private static bool HasDuplicate(JsonElement array)
    {
        var items = array.EnumerateArray().ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            for (var j = i + 1; j < items.Length; j++)
            {
                if (JsonEquality.AreEqual(items[i], items[j]))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
