using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Forms.Schema;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Forms;

/// <summary>
/// Runs the template's JSON Schema over the draft. <see cref="ForPage"/> keeps only the errors of the
/// fields on one page, so page 1 does not complain about page 3's fields before the resident has seen
/// them; <see cref="Whole"/> is the check before submission.
/// </summary>
public static class FormValidation
{
    private static readonly SchemaEvaluationOptions Options = new() { AssertFormats = true };
    private static readonly ConditionalWeakTable<ProcedureTemplate, JsonSchema> Compiled = new();

    public static IReadOnlyList<FormError> Whole(ProcedureTemplate template, JsonNode? data) =>
        Evaluate(template, data).ToList();

    public static IReadOnlyList<FormError> ForPage(ProcedureTemplate template, int pageIndex, JsonNode? data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageIndex, template.Layout.Pages.Count);
        var pointers = template.Layout.Pages[pageIndex].Sections.SelectMany(s => s.Fields)
            .Where(f => f.Pointer is not null).Select(f => f.Pointer!).ToList();
        return Evaluate(template, data)
            .Where(e => pointers.Any(p => e.Pointer == p || e.Pointer.StartsWith(p + "/", StringComparison.Ordinal)))
            .ToList();
    }

    private static IEnumerable<FormError> Evaluate(ProcedureTemplate template, JsonNode? data)
    {
        var schema = Compiled.GetValue(template, t => JsonSchema.Parse(t.Schema));
        var instance = data is null ? JsonSerializer.SerializeToElement(new JsonObject()) : JsonSerializer.SerializeToElement(data);
        return schema.Evaluate(instance, Options).Errors.Select(FormError.From).Distinct();
    }
}
