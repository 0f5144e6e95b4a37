using System.Text.Json;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>JSON Schema equality: numbers by value (1 equals 1.0), objects regardless of key order.</summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }
        switch (left.ValueKind)
        {
            case JsonValueKind.Number:
                return JsonNumbers.Compare(left, right) == 0;
            case JsonValueKind.String:
                return left.ValueEquals(right.GetString());
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }
                return left.EnumerateArray().Zip(right.EnumerateArray()).All(pair => AreEqual(pair.First, pair.Second));
            case JsonValueKind.Object:
                var leftCount = left.EnumerateObject().Count();
                if (leftCount != right.EnumerateObject().Count())
                {
                    return false;
                }
                foreach (var property in left.EnumerateObject())
                {
                    if (!right.TryGetProperty(property.Name, out var other) || !AreEqual(property.Value, other))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }
}
