using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Forms;

/// <summary>
/// What the form engine needs to know about a field from the template's JSON Schema: its type, its
/// enum, whether its parent's <c>required</c> lists it. Templates use plain nested <c>properties</c>
/// and <c>items</c> (no $ref), so a pointer is followed directly; array indices step into <c>items</c>.
/// </summary>
internal sealed class TemplateSchema(JsonElement root)
{
    private static readonly ConditionalWeakTable<ProcedureTemplate, TemplateSchema> Cache = new();

    public static TemplateSchema For(ProcedureTemplate template) =>
        Cache.GetValue(template, t => new TemplateSchema(t.Schema));

    public JsonElement? At(string pointer)
    {
        var node = root;
        foreach (var token in DataPointer.Tokens(pointer))
        {
            if (Type(node) == "array" && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                if (!node.TryGetProperty("items", out node))
                {
                    return null;
                }

                continue;
            }

            if (!node.TryGetProperty("properties", out var properties) || !properties.TryGetProperty(token, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The type of the value at the pointer; "string" when the schema does not say.</summary>
    public string TypeAt(string pointer) => At(pointer) is { } schema ? Type(schema) ?? "string" : "string";

    /// <summary>Required by the parent object's <c>required</c> array (conditional requirements in
    /// if/then are not marked: the field's showIf note tells the resident instead).</summary>
    public bool IsRequired(string pointer)
    {
        var tokens = DataPointer.Tokens(pointer);
        if (tokens.Count == 0 || At(DataPointer.ParentOf(pointer)) is not { } parent)
        {
            return false;
        }

        return parent.ValueKind == JsonValueKind.Object
               && parent.TryGetProperty("required", out var required)
               && required.ValueKind == JsonValueKind.Array
               && required.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == tokens[^1]);
    }

    /// <summary>The choices of a choice (its enum) or of a multi-choice (its items' enum).</summary>
    public IReadOnlyList<string> Options(string pointer)
    {
        if (At(pointer) is not { } schema)
        {
            return [];
        }

        if (Type(schema) == "array" && schema.TryGetProperty("items", out var items))
        {
            schema = items;
        }

        return schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
            : [];
    }

    public int? IntegerKeyword(string pointer, string keyword) =>
        At(pointer) is { } schema && schema.TryGetProperty(keyword, out var value) && value.TryGetInt32(out var n) ? n : null;

    private static string? Type(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;
}
