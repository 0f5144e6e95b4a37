using System.Text.Json;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>A field of a layout with the schema its pointer is relative to (the root, or a repeat's
/// <c>items</c>) and its path in the data, with "[]" for each array level (/children/[]/name).</summary>
public sealed record LaidOutField(FormField Field, JsonElement Scope, string Path)
{
    public static IEnumerable<LaidOutField> All(ProcedureTemplate t) =>
        t.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields).SelectMany(f => Walk(f, t.Schema, ""));

    private static IEnumerable<LaidOutField> Walk(FormField field, JsonElement scope, string prefix)
    {
        var path = prefix + field.Pointer;
        yield return new LaidOutField(field, scope, path);
        if (field.Widget == FieldWidget.Repeat && field.Pointer is not null
            && DefinitionCheck.SchemaAt(scope, field.Pointer) is { } array && array.TryGetProperty("items", out var items))
        {
            foreach (var inner in (field.Fields ?? []).SelectMany(f => Walk(f, items, path + "/[]")))
            {
                yield return inner;
            }
        }
    }
}
