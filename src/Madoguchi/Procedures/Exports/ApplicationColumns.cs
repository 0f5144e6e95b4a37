using System.Globalization;
using System.Text.Json;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Exports;

/// <summary>
/// The form columns of a CSV export, in the order the form asks: one column per field, headed by
/// its Japanese label. Rules (docs/api.md, "CSV"):
/// - a repeating group gives numbered columns per item, 児童1_氏名 … 児童N_氏名, where N is the
///   schema's maxItems, or else the most items any exported application has;
/// - a bank account gives five columns (金融機関コード, 支店コード, 預金種目, 口座番号, 口座名義);
/// - an attachment field lists the uploaded files' names, separated by 「、」;
/// - true/false read はい/いいえ (同意する/同意しない for consent), choices of a multi-choice are
///   joined with 「、」, dates stay ISO 8601 (yyyy-MM-dd) so that core systems read them unchanged;
/// - 個人番号 is masked (下4桁) unless the export explicitly includes it.
/// </summary>
internal sealed class ApplicationColumns
{
    public sealed record Column(string Header, Func<JsonElement, ILookup<string, string>, string> Value);

    private static readonly (string Key, string Label)[] BankParts =
        [("bankCode", "金融機関コード"), ("branchCode", "支店コード"), ("accountType", "預金種目"), ("accountNumber", "口座番号"), ("holderKana", "口座名義")];

    private readonly List<Column> _columns = [];
    private readonly HashSet<string> _headers = [];
    private readonly bool _includeMyNumber;

    private ApplicationColumns(bool includeMyNumber) => _includeMyNumber = includeMyNumber;

    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The repeats whose item count the schema does not bound: their count must be measured.</summary>
    public static IReadOnlyList<string> UnboundedRepeats(ProcedureTemplate template) =>
        Fields(template).Where(f => f.Widget == FieldWidget.Repeat && f.Pointer is not null && MaxItems(template.Schema, f.Pointer) is null)
            .Select(f => f.Pointer!).ToList();

    public static ApplicationColumns For(ProcedureTemplate template, IReadOnlyDictionary<string, int> measuredRepeats, bool includeMyNumber)
    {
        var columns = new ApplicationColumns(includeMyNumber);
        foreach (var field in Fields(template))
        {
            if (field.Widget == FieldWidget.Repeat && field.Pointer is { } pointer)
            {
                var count = MaxItems(template.Schema, pointer) ?? measuredRepeats.GetValueOrDefault(pointer);
                for (var i = 0; i < count; i++)
                {
                    foreach (var inner in field.Fields ?? [])
                    {
                        columns.Add(inner, DataPointer.Item(pointer, i), $"{field.ItemLabel ?? field.Label}{i + 1}_");
                    }
                }
            }
            else
            {
                columns.Add(field, "", "");
            }
        }

        return columns;
    }

    private static IEnumerable<FormField> Fields(ProcedureTemplate template) =>
        template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields);

    private void Add(FormField field, string basePointer, string prefix)
    {
        if (field.Widget == FieldWidget.File && field.Attachment is { } key)
        {
            AddColumn(prefix + field.Label, (_, files) => string.Join("、", files[key]));
            return;
        }

        if (field.Pointer is not { } relative)
        {
            return;
        }

        var pointer = basePointer + relative;
        var widget = field.Widget;
        if (widget == FieldWidget.BankAccount)
        {
            foreach (var (part, label) in BankParts)
            {
                var path = Path(pointer + "/" + part);
                AddColumn($"{prefix}{field.Label}_{label}", (data, _) => Text(Get(data, path), widget));
            }

            return;
        }

        var tokens = Path(pointer);
        AddColumn(prefix + field.Label, (data, _) => Text(Get(data, tokens), widget));
    }

    /// <summary>A pointer's tokens, resolved once per export rather than once per row (array indexes as numbers).</summary>
    private static (string Name, int Index)[] Path(string pointer) =>
        DataPointer.Tokens(pointer).Select(t => (t, int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)).ToArray();

    private static JsonElement Get(JsonElement root, (string Name, int Index)[] path)
    {
        var node = root;
        foreach (var (name, index) in path)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                if (!node.TryGetProperty(name, out node))
                {
                    return default;
                }
            }
            else if (node.ValueKind == JsonValueKind.Array && index >= 0 && index < node.GetArrayLength())
            {
                node = node[index];
            }
            else
            {
                return default;
            }
        }

        return node;
    }

    private void AddColumn(string header, Func<JsonElement, ILookup<string, string>, string> value)
    {
        // Two fields with one label (氏名 in two sections) would make ambiguous headers.
        var unique = header;
        for (var n = 2; !_headers.Add(unique); n++)
        {
            unique = $"{header}（{n}）";
        }

        _columns.Add(new Column(unique, value));
    }

    private string Text(JsonElement value, FieldWidget widget) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => "",
        JsonValueKind.True => widget == FieldWidget.Consent ? "同意する" : "はい",
        JsonValueKind.False => widget == FieldWidget.Consent ? "同意しない" : "いいえ",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String when widget == FieldWidget.MyNumber && !_includeMyNumber => Masked(value.GetString()!),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join("、", value.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText())),
        _ => value.GetRawText(),
    };

    /// <summary>番号法: 個人番号 leaves the system only where the export says it must.</summary>
    private static string Masked(string number) => number.Length > 4 ? new string('*', number.Length - 4) + number[^4..] : "****";

    /// <summary>maxItems of the array at a data pointer, following "properties" through the schema.</summary>
    private static int? MaxItems(JsonElement schema, string pointer)
    {
        var node = schema;
        foreach (var token in DataPointer.Tokens(pointer))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("properties", out var properties)
                || !properties.TryGetProperty(token, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Object && node.TryGetProperty("maxItems", out var max) && max.TryGetInt32(out var n)
            ? n : null;
    }

    public static int ItemCount(JsonElement data, string pointer) =>
        Get(data, Path(pointer)) is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0;
}
