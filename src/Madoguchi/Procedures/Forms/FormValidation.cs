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
        var instance = JsonSerializer.SerializeToElement(WithRequiredGroups(template, data));
        var errors = schema.Evaluate(instance, Options).Errors.Select(FormError.From).Distinct().ToList();
        return errors.Concat(WrongMyNumbers(template, data).Where(w => errors.All(e => e.Pointer != w.Pointer)));
    }

    /// <summary>
    /// 個人番号 with twelve digits whose check digit does not fit (a typo the pattern cannot see).
    /// A value that is not twelve digits already has the schema's message.
    /// </summary>
    private static IEnumerable<FormError> WrongMyNumbers(ProcedureTemplate template, JsonNode? data) =>
        FieldValues(template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields), data, "")
            .Where(f => f.Widget == FieldWidget.MyNumber && f.Value is JsonValue v && v.TryGetValue<string>(out var number)
                && number.Length == 12 && number.All(char.IsAsciiDigit) && !MyNumberCheckDigit.IsValid(number))
            .Select(f => new FormError(f.Pointer, "個人番号が正しくありません。12桁の番号をもう一度確かめてください。"));

    /// <summary>Every field with its value in the data, the fields of each repeat item included.</summary>
    internal static IEnumerable<(FieldWidget Widget, string Pointer, JsonNode? Value)> FieldValues(IEnumerable<FormField> fields, JsonNode? data, string basePointer)
    {
        foreach (var field in fields.Where(f => f.Pointer is not null))
        {
            var pointer = basePointer + field.Pointer;
            var value = DataPointer.Get(data, pointer);
            if (field.Widget == FieldWidget.Repeat && value is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    foreach (var inner in FieldValues(field.Fields ?? [], data, DataPointer.Item(pointer, i)))
                    {
                        yield return inner;
                    }
                }
            }
            else if (value is not null)
            {
                yield return (field.Widget, pointer, value);
            }
        }
    }

    /// <summary>
    /// The binder leaves out a group whose fields were all blank (/applicant), so the schema would
    /// report one 「必須」 at the group, which is no field of the page. Validating a copy in which every
    /// required group exists (empty) puts the messages on the fields themselves (/applicant/name …).
    /// </summary>
    private static JsonObject WithRequiredGroups(ProcedureTemplate template, JsonNode? data)
    {
        var copy = data?.DeepClone() as JsonObject ?? [];
        foreach (var pointer in template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields)
                     .Where(f => f.Pointer is not null && f.Widget != FieldWidget.Repeat).Select(f => f.Pointer!))
        {
            var tokens = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
            JsonObject node = copy;
            var schema = template.Schema;
            for (var i = 0; i < tokens.Length - 1; i++)
            {
                var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                    && r.EnumerateArray().Any(x => x.GetString() == tokens[i]);
                if (!required || !schema.TryGetProperty("properties", out var properties) || !properties.TryGetProperty(tokens[i], out var child)
                    || !(child.TryGetProperty("type", out var type) && type.GetString() == "object"))
                {
                    break;
                }

                if (node[tokens[i]] is not JsonObject next)
                {
                    if (node[tokens[i]] is not null)
                    {
                        break;
                    }

                    next = [];
                    node[tokens[i]] = next;
                }

                node = next;
                schema = child;
            }
        }

        return copy;
    }
}
