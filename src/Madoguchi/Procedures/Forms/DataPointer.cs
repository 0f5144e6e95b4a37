using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Madoguchi.Procedures.Forms;

/// <summary>
/// JSON Pointers (RFC 6901) over the draft data. Forms post every value under its pointer, so the same
/// string is the input name, the data location and the schema validator's InstanceLocation.
/// </summary>
internal static class DataPointer
{
    public static IReadOnlyList<string> Tokens(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A repeat item's field pointers are relative to the item: "/children/0" + "/name".</summary>
    public static string Combine(string basePointer, string relative) => basePointer + relative;

    public static string Item(string arrayPointer, int index) => arrayPointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    public static JsonNode? Get(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Sets a value, creating the objects on the way (array items exist already: only repeats make them).</summary>
    public static void Set(JsonObject root, string pointer, JsonNode value)
    {
        var tokens = Tokens(pointer);
        JsonNode current = root;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var token = tokens[i];
            JsonNode? next = current switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count => a[index],
                _ => throw new InvalidOperationException($"Cannot set {pointer}: {token} is not inside an object or an existing array item."),
            };
            if (next is not JsonObject and not JsonArray)
            {
                next = new JsonObject();
                switch (current)
                {
                    case JsonObject o:
                        o[token] = next;
                        break;
                    case JsonArray a:
                        a[int.Parse(token, CultureInfo.InvariantCulture)] = next;
                        break;
                }
            }

            current = next;
        }

        switch (current)
        {
            case JsonObject o:
                o[tokens[^1]] = value;
                break;
            case JsonArray a when int.TryParse(tokens[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count:
                a[index] = value;
                break;
            default:
                throw new InvalidOperationException($"Cannot set {pointer}.");
        }
    }

    /// <summary>
    /// Removes a property and then any object left empty above it (never an array item, whose position
    /// numbers the other items), so a group whose fields were all blank or hidden is not sent as {}.
    /// </summary>
    public static bool Remove(JsonObject root, string pointer)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0 || Get(root, ParentOf(pointer)) is not JsonObject parent || !parent.ContainsKey(tokens[^1]))
        {
            return false;
        }

        parent.Remove(tokens[^1]);
        var parentPointer = ParentOf(pointer);
        while (parentPointer.Length > 0 && Get(root, parentPointer) is JsonObject { Count: 0 }
               && Get(root, ParentOf(parentPointer)) is JsonObject grandParent)
        {
            grandParent.Remove(Tokens(parentPointer)[^1]);
            parentPointer = ParentOf(parentPointer);
        }

        return true;
    }

    public static string ParentOf(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? "" : pointer[..slash];
    }

    /// <summary>An HTML id from a pointer: "/children/0/name" → "field-children-0-name".</summary>
    public static string HtmlId(string pointer)
    {
        var id = new StringBuilder("field");
        foreach (var c in pointer)
        {
            id.Append(c switch
            {
                '/' => '-',
                _ when char.IsAsciiLetterOrDigit(c) || c == '_' => c,
                _ => '_',
            });
        }

        return id.ToString();
    }
}
