using System.Text.Json;
using System.Text.Json.Serialization;

namespace Madoguchi.Procedures.Templates;

/// <summary>
/// Shows a field only when the value at <see cref="Pointer"/> equals <see cref="EqualTo"/> or is one of
/// <see cref="In"/>. Inside a repeat the pointer is relative to the same item. The schema carries the
/// matching if/then so that a hidden field is never required.
/// </summary>
public sealed record ShowIfCondition(
    string Pointer,
    [property: JsonPropertyName("equals")] JsonElement? EqualTo = null,
    IReadOnlyList<JsonElement>? In = null);
