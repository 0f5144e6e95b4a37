using System.Text.Json.Nodes;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// Keeps a field's requirement in the schema in the one form docs/forms.md prescribes: an
/// unconditional required field is in its parent's <c>required</c>; a required field with a show-if is
/// required only by an <c>allOf</c> entry <c>{ if: condition, then: { required } }</c> mirroring the
/// show-if, so a hidden field is never required. <paramref name="scope"/> is the schema the pointer is
/// relative to (the root, or a repeating group's <c>items</c>).
/// </summary>
internal static class FieldRequirements
{
    public static bool IsRequired(JsonObject scope, string pointer)
    {
        var tokens = Tokens(pointer);
        var parent = At(scope, tokens[..^1]);
        return (parent is not null && Contains(parent["required"], tokens[^1]))
               || AllOf(scope).Any(e => e["then"] is JsonObject then && RequiresPath(then, tokens));
    }

    /// <summary>Sets the requirement from scratch: it is first removed wherever it was.</summary>
    public static void Set(JsonObject scope, string pointer, bool required, string? conditionPointer, JsonNode? conditionValue)
    {
        Clear(scope, pointer);
        if (!required)
        {
            return;
        }

        var tokens = Tokens(pointer);
        if (conditionPointer is null)
        {
            if (At(scope, tokens[..^1]) is { } parent)
            {
                Add(parent, tokens[^1]);
            }

            return;
        }

        var allOf = scope["allOf"] as JsonArray ?? [];
        scope["allOf"] = allOf;
        allOf.Add(new JsonObject { ["if"] = Condition(Tokens(conditionPointer), conditionValue), ["then"] = Requirement(tokens) });
    }

    /// <summary>Removes the requirement of the field from its parent's <c>required</c> and from every
    /// if/then; an if/then left requiring nothing is removed.</summary>
    public static void Clear(JsonObject scope, string pointer)
    {
        var tokens = Tokens(pointer);
        if (At(scope, tokens[..^1]) is { } parent)
        {
            Remove(parent, tokens[^1]);
        }

        foreach (var entry in AllOf(scope).ToList())
        {
            if (entry["then"] is JsonObject then)
            {
                RemovePath(then, tokens);
                if (!RequiresAnything(then))
                {
                    Drop(scope, entry);
                }
            }
        }
    }

    /// <summary>Removes every if/then whose condition looks at the field (when the field itself goes).</summary>
    public static void ClearConditionsOn(JsonObject scope, string pointer)
    {
        var tokens = Tokens(pointer);
        foreach (var entry in AllOf(scope).Where(e => e["if"] is JsonObject condition && At(condition, tokens) is not null).ToList())
        {
            Drop(scope, entry);
        }
    }

    public static string[] Tokens(string pointer) => pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The subschema at the property path, following <c>properties</c>.</summary>
    public static JsonObject? At(JsonObject node, IEnumerable<string> tokens)
    {
        JsonObject? current = node;
        foreach (var token in tokens)
        {
            current = current?["properties"]?[token] as JsonObject;
        }

        return current;
    }

    private static JsonObject Condition(string[] tokens, JsonNode? value)
    {
        // { properties: { a: { properties: { b: { const: v } }, required: [b] } }, required: [a] }
        JsonObject node = new() { ["const"] = value?.DeepClone() };
        for (var i = tokens.Length - 1; i >= 0; i--)
        {
            node = new JsonObject { ["properties"] = new JsonObject { [tokens[i]] = node }, ["required"] = new JsonArray(tokens[i]) };
        }

        return node;
    }

    private static JsonObject Requirement(string[] tokens)
    {
        // { required: [b] } wrapped as { properties: { a: … }, required: [a] } for each enclosing group.
        var node = new JsonObject { ["required"] = new JsonArray(tokens[^1]) };
        for (var i = tokens.Length - 2; i >= 0; i--)
        {
            node = new JsonObject { ["properties"] = new JsonObject { [tokens[i]] = node }, ["required"] = new JsonArray(tokens[i]) };
        }

        return node;
    }

    private static bool RequiresPath(JsonObject then, string[] tokens) =>
        At(then, tokens[..^1]) is { } parent && Contains(parent["required"], tokens[^1]);

    private static void RemovePath(JsonObject then, string[] tokens)
    {
        if (tokens.Length == 1)
        {
            Remove(then, tokens[0]);
            return;
        }

        if (then["properties"]?[tokens[0]] is JsonObject inner)
        {
            RemovePath(inner, tokens[1..]);
            if (!RequiresAnything(inner))
            {
                // The group was only there to carry this requirement.
                ((JsonObject)then["properties"]!).Remove(tokens[0]);
                Remove(then, tokens[0]);
                if (((JsonObject)then["properties"]!).Count == 0)
                {
                    then.Remove("properties");
                }
            }
        }
    }

    private static bool RequiresAnything(JsonObject node) =>
        node["required"] is JsonArray { Count: > 0 }
        || (node["properties"] is JsonObject properties && properties.Select(p => p.Value).OfType<JsonObject>().Any(RequiresAnything));

    private static IEnumerable<JsonObject> AllOf(JsonObject scope) =>
        scope["allOf"] is JsonArray allOf ? allOf.OfType<JsonObject>() : [];

    private static void Drop(JsonObject scope, JsonObject entry)
    {
        var allOf = (JsonArray)scope["allOf"]!;
        allOf.Remove(entry);
        if (allOf.Count == 0)
        {
            scope.Remove("allOf");
        }
    }

    private static bool Contains(JsonNode? list, string name) =>
        list is JsonArray array && array.Any(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String && n.GetValue<string>() == name);

    private static void Add(JsonObject parent, string name)
    {
        var required = parent["required"] as JsonArray ?? [];
        parent["required"] = required;
        if (!Contains(required, name))
        {
            required.Add(name);
        }
    }

    private static void Remove(JsonObject parent, string name)
    {
        if (parent["required"] is JsonArray required)
        {
            foreach (var item in required.Where(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String && n.GetValue<string>() == name).ToList())
            {
                required.Remove(item);
            }
        }
    }
}
