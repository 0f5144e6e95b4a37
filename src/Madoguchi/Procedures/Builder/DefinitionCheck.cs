using System.Text.Json;
using System.Text.RegularExpressions;
using Madoguchi.Procedures.Forms.Schema;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// What every definition (a shipped template, a builder draft, an imported file) must satisfy before
/// residents can be asked with it: the schema compiles with our validator, every field of the layout
/// has its data in the schema in the shape its widget needs, nothing required is left unasked, show-if
/// conditions name real fields and values, attachments are asked for. The template tests and the
/// builder's publish and import use this one class, so a rule is never checked in two ways.
/// </summary>
public static partial class DefinitionCheck
{
    /// <summary>Largest definition file accepted for import (the biggest shipped template is about 40 KB).</summary>
    public const int MaxBytes = 512 * 1024;

    public const string SchemaDialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Stricter than reading the shipped files: a property left out of an imported file is an
    /// error instead of a silent null.</summary>
    private static readonly JsonSerializerOptions ImportOptions = new(TemplateLibrary.JsonOptions)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads a definition file (template format); problems name why it cannot be read or used.</summary>
    public static (ProcedureTemplate? Definition, IReadOnlyList<DefinitionProblem> Problems) Parse(string json)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            return (null, [new("ファイルが大きすぎます（上限 {0} KB）。", MaxBytes / 1024)]);
        }

        ProcedureTemplate? definition;
        try
        {
            definition = JsonSerializer.Deserialize<ProcedureTemplate>(json, ImportOptions);
        }
        catch (JsonException e)
        {
            return (null, [new("JSON として読み込めません（{0} 行目、{1}）。", (e.LineNumber ?? 0) + 1, e.Path ?? "$")]);
        }

        if (definition is null)
        {
            return (null, [new("ファイルに定義がありません。")]);
        }

        var problems = Problems(definition);
        return (problems.Count == 0 ? definition : null, problems);
    }

    public static IReadOnlyList<DefinitionProblem> Problems(ProcedureTemplate t)
    {
        var problems = new List<DefinitionProblem>();
        if (string.IsNullOrWhiteSpace(t.Key) || !StableKey().IsMatch(t.Key))
        {
            problems.Add(new("手続のキー「{0}」は半角英小文字・数字・ハイフンで書いてください。", t.Key ?? ""));
        }

        if (string.IsNullOrWhiteSpace(t.Title))
        {
            problems.Add(new("手続名がありません。"));
        }

        if (string.IsNullOrWhiteSpace(t.Description))
        {
            problems.Add(new("手続の説明がありません。"));
        }

        if (!Enum.IsDefined(t.Assurance))
        {
            problems.Add(new("本人確認の方法が正しくありません。"));
        }

        if (t.StandardProcessingDays is <= 0)
        {
            problems.Add(new("標準処理期間は 1 日以上で指定してください。"));
        }

        if (t.Fee is null)
        {
            problems.Add(new("手数料（fee）がありません。無料なら amountYen を 0 にしてください。"));
        }
        else
        {
            problems.AddRange(FeeTable.Check(t, t.Fee).Select(p => p.Problem));
        }

        CheckSchema(t.Schema, problems);
        CheckAttachments(t, problems);
        if (t.Layout.Pages.Count == 0)
        {
            problems.Add(new("ページがありません。"));
        }

        for (var p = 0; p < t.Layout.Pages.Count; p++)
        {
            var page = t.Layout.Pages[p];
            if (string.IsNullOrWhiteSpace(page.Title))
            {
                problems.Add(new("{0} ページ目に見出しがありません。", p + 1));
            }

            if (!page.Sections.SelectMany(s => s.Fields).Any())
            {
                problems.Add(new("ページ「{0}」に項目がありません。", page.Title));
            }

            foreach (var section in page.Sections.Where(s => string.IsNullOrWhiteSpace(s.Title)))
            {
                problems.Add(new("ページ「{0}」に見出しのないまとまりがあります。", page.Title));
            }
        }

        if (t.Schema.ValueKind == JsonValueKind.Object)
        {
            CheckFields(t, problems);
        }

        return problems;
    }

    private static void CheckSchema(JsonElement schema, List<DefinitionProblem> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("$schema", out var dialect) || dialect.ValueKind != JsonValueKind.String || dialect.GetString() != SchemaDialect
            || !schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            problems.Add(new("データのスキーマは JSON Schema 2020-12 の object にしてください。"));
            return;
        }

        try
        {
            JsonSchema.Parse(schema);
        }
        catch (InvalidSchemaException e)
        {
            problems.Add(new("スキーマを検証器で読み込めません（{0}）。", e.Message));
        }
    }

    private static void CheckAttachments(ProcedureTemplate t, List<DefinitionProblem> problems)
    {
        foreach (var duplicate in t.Attachments.GroupBy(a => a.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new("添付書類のキー「{0}」が重複しています。", duplicate.Key));
        }

        foreach (var a in t.Attachments)
        {
            if (string.IsNullOrWhiteSpace(a.Label))
            {
                problems.Add(new("添付書類「{0}」に名前がありません。", a.Key));
            }

            if (a.Accept.Count == 0)
            {
                problems.Add(new("添付書類「{0}」に受け付けるファイルの種類がありません。", a.Label));
            }
        }
    }

    private static void CheckFields(ProcedureTemplate t, List<DefinitionProblem> problems)
    {
        var fields = LaidOutField.All(t).ToList();
        foreach (var duplicate in fields.Where(f => f.Field.Pointer is not null).GroupBy(f => f.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new("項目 {0} が2回以上あります（項目キーの重複）。", duplicate.Key));
        }

        foreach (var (field, scope, _) in fields)
        {
            var label = field.Label;
            if (string.IsNullOrWhiteSpace(label))
            {
                problems.Add(new("ラベルのない項目があります（{0}）。", field.Pointer ?? field.Attachment ?? ""));
            }

            if (field.Widget == FieldWidget.File)
            {
                if (field.Pointer is not null || field.Attachment is null || t.Attachments.All(a => a.Key != field.Attachment))
                {
                    problems.Add(new("ファイルの項目「{0}」が添付書類を指していません。", label));
                }

                continue;
            }

            if (string.IsNullOrEmpty(field.Pointer) || field.Attachment is not null)
            {
                problems.Add(new("項目「{0}」にデータの場所がありません。", label));
                continue;
            }

            if (SchemaAt(scope, field.Pointer) is not { } schema)
            {
                problems.Add(new("項目「{0}」のデータ {1} がスキーマにありません。", label, field.Pointer));
                continue;
            }

            if (WidgetSchemas.Mismatch(field, schema) is { } mismatch)
            {
                problems.Add(mismatch);
            }

            if (field.ShowIf is { } condition)
            {
                CheckCondition(field, condition, scope, problems);
            }
        }

        foreach (var path in RequiredPaths(t.Schema, "").Distinct())
        {
            var asked = fields.Any(f => f.Field.Pointer is not null && (f.Path == path
                || f.Path.StartsWith(path + "/", StringComparison.Ordinal)
                || (f.Field.Widget == FieldWidget.BankAccount && path.StartsWith(f.Path + "/", StringComparison.Ordinal))));
            if (!asked)
            {
                problems.Add(new("必須のデータ {0} を尋ねる項目がどのページにもありません。", path));
            }
        }

        var files = fields.Where(f => f.Field.Widget == FieldWidget.File).Select(f => f.Field).ToList();
        foreach (var a in t.Attachments)
        {
            if (files.All(f => f.Attachment != a.Key))
            {
                problems.Add(new("添付書類「{0}」を受け付けるファイルの項目がありません。", a.Label));
            }

            // A required document behind a condition could never be uploaded when the condition is false.
            if (a.Required && files.Any(f => f.Attachment == a.Key && f.ShowIf is not null))
            {
                problems.Add(new("必須の添付書類「{0}」に表示条件が付いています。", a.Label));
            }
        }
    }

    private static void CheckCondition(FormField field, ShowIfCondition condition, JsonElement scope, List<DefinitionProblem> problems)
    {
        if (SchemaAt(scope, condition.Pointer) is not { } target)
        {
            problems.Add(new("項目「{0}」の表示条件が、存在しない項目 {1} を参照しています。", field.Label, condition.Pointer));
            return;
        }

        var values = condition.EqualTo is { } single ? [single] : condition.In ?? [];
        if (values.Count == 0)
        {
            problems.Add(new("項目「{0}」の表示条件に値がありません。", field.Label));
        }

        var isBoolean = target.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "boolean";
        foreach (var value in values)
        {
            var possible = target.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
                ? allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value))
                : isBoolean && value.ValueKind is JsonValueKind.True or JsonValueKind.False;
            if (!possible)
            {
                problems.Add(new("項目「{0}」の表示条件の値 {1} は {2} が取りうる値ではありません。", field.Label, value.GetRawText(), condition.Pointer));
            }
        }
    }

    /// <summary>The schema of the property a pointer names, following nested <c>properties</c>.</summary>
    public static JsonElement? SchemaAt(JsonElement scope, string pointer)
    {
        var node = scope;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("properties", out var properties)
                || properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(segment, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Object ? node : null;
    }

    /// <summary>Paths some branch of the schema requires: plain <c>required</c>, the <c>then</c> of an
    /// if/then and <c>dependentRequired</c>, with "[]" for each array level.</summary>
    public static IEnumerable<string> RequiredPaths(JsonElement node, string path)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var name in Names(node, "required"))
        {
            yield return path + "/" + name;
        }

        if (node.TryGetProperty("dependentRequired", out var dependent) && dependent.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in dependent.EnumerateObject().Where(d => d.Value.ValueKind == JsonValueKind.Array).SelectMany(d => d.Value.EnumerateArray()))
            {
                yield return path + "/" + name.GetString();
            }
        }

        if (node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in properties.EnumerateObject().SelectMany(p => RequiredPaths(p.Value, path + "/" + p.Name)))
            {
                yield return p;
            }
        }

        if (node.TryGetProperty("items", out var items))
        {
            foreach (var p in RequiredPaths(items, path + "/[]"))
            {
                yield return p;
            }
        }

        if (node.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in allOf.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("then", out _))
                         .SelectMany(b => RequiredPaths(b.GetProperty("then"), path)))
            {
                yield return p;
            }
        }
    }

    internal static HashSet<string> Names(JsonElement node, string keyword) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet()
            : [];

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex StableKey();
}
