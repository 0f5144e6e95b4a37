using System.Text.Json;
using System.Text.RegularExpressions;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Reading keyword values: each is checked for its JSON type and range once, so a malformed schema
/// fails at parse time with its location instead of misbehaving on a resident's submission.
/// </summary>
internal sealed partial class SchemaCompiler
{
    private static void ReadValidation(SchemaNode node, JsonElement element, string location)
    {
        if (element.TryGetProperty("type", out var type))
        {
            node.Types = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(name => ReadTypeName(name, location)).ToArray()
                : [ReadTypeName(type, location)];
        }
        if (element.TryGetProperty("enum", out var enumeration))
        {
            node.Enum = enumeration.ValueKind == JsonValueKind.Array ? enumeration : throw Invalid(location, "enum must be an array");
        }
        if (element.TryGetProperty("const", out var constant))
        {
            node.Const = constant;
        }
        node.MultipleOf = ReadNumber(element, "multipleOf", location);
        if (node.MultipleOf is { } divisor && JsonNumbers.Sign(divisor) <= 0)
        {
            throw Invalid(location, "multipleOf must be greater than 0");
        }
        node.Maximum = ReadNumber(element, "maximum", location);
        node.ExclusiveMaximum = ReadNumber(element, "exclusiveMaximum", location);
        node.Minimum = ReadNumber(element, "minimum", location);
        node.ExclusiveMinimum = ReadNumber(element, "exclusiveMinimum", location);
        node.MaxLength = ReadCount(element, "maxLength", location);
        node.MinLength = ReadCount(element, "minLength", location);
        node.MaxItems = ReadCount(element, "maxItems", location);
        node.MinItems = ReadCount(element, "minItems", location);
        node.MaxContains = ReadCount(element, "maxContains", location);
        node.MinContains = ReadCount(element, "minContains", location);
        node.MaxProperties = ReadCount(element, "maxProperties", location);
        node.MinProperties = ReadCount(element, "minProperties", location);
        if (element.TryGetProperty("pattern", out var pattern))
        {
            node.Pattern = CompilePattern(ReadString(pattern, location, "pattern"), location);
        }
        if (element.TryGetProperty("uniqueItems", out var unique))
        {
            node.UniqueItems = unique.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? unique.GetBoolean()
                : throw Invalid(location, "uniqueItems must be a boolean");
        }
        if (element.TryGetProperty("required", out var required))
        {
            node.Required = ReadStringArray(required, location, "required");
        }
        if (element.TryGetProperty("dependentRequired", out var dependentRequired))
        {
            if (dependentRequired.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(location, "dependentRequired must be an object of string arrays");
            }
            node.DependentRequired = dependentRequired.EnumerateObject()
                .ToDictionary(entry => entry.Name, entry => ReadStringArray(entry.Value, location, "dependentRequired"), StringComparer.Ordinal);
        }
        if (element.TryGetProperty("format", out var format))
        {
            node.Format = ReadString(format, location, "format");
        }
    }

    private static Regex CompilePattern(string pattern, string location) =>
        EcmaPattern.TryCompile(pattern, out var regex, out var error)
            ? regex
            : throw Invalid(location, $"the pattern \"{pattern}\" is not a valid regular expression: {error}");

    private static string ReadTypeName(JsonElement name, string location) =>
        name.ValueKind == JsonValueKind.String && name.GetString() is "null" or "boolean" or "object" or "array" or "number" or "string" or "integer"
            ? name.GetString()!
            : throw Invalid(location, $"type must name a JSON type, not {name.GetRawText()}");

    private static string ReadString(JsonElement value, string location, string keyword) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid(location, $"{keyword} must be a string");

    private static string[] ReadStringArray(JsonElement value, string location, string keyword) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
            ? value.EnumerateArray().Select(item => item.GetString()!).ToArray()
            : throw Invalid(location, $"{keyword} must be an array of strings");

    private static JsonElement? ReadNumber(JsonElement element, string keyword, string location)
    {
        if (!element.TryGetProperty(keyword, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number ? value : throw Invalid(location, $"{keyword} must be a number");
    }

    private static long? ReadCount(JsonElement element, string keyword, string location)
    {
        if (!element.TryGetProperty(keyword, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && JsonNumbers.IsInteger(value) && JsonNumbers.Sign(value) >= 0)
        {
            return value.TryGetInt64(out var count) ? count : value.TryGetDecimal(out var exact) && exact <= long.MaxValue ? (long)exact : long.MaxValue;
        }
        throw Invalid(location, $"{keyword} must be a non-negative integer");
    }
}
