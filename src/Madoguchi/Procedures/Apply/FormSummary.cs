using System.Globalization;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Localization;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Apply;

/// <summary>
/// What was entered, read back in the form's own words: one section per layout section, each value
/// shown as a resident would write it (和暦 dates, はい/いいえ, masked 個人番号).
/// </summary>
public static class FormSummary
{
    public sealed record Row(string Label, string Value);

    public sealed record Section(int Page, string Title, IReadOnlyList<Row> Rows);

    public static IReadOnlyList<Section> Of(ProcedureTemplate template, JsonObject data)
    {
        var sections = new List<Section>();
        for (var page = 0; page < template.Layout.Pages.Count; page++)
        {
            foreach (var section in template.Layout.Pages[page].Sections)
            {
                var rows = new List<Row>();
                foreach (var field in section.Fields)
                {
                    AddRows(rows, field, data, "", "");
                }

                if (rows.Count > 0)
                {
                    sections.Add(new Section(page, section.Title, rows));
                }
            }
        }

        return sections;
    }

    private static void AddRows(List<Row> rows, FormField field, JsonNode data, string basePointer, string prefix)
    {
        if (field.Pointer is null)
        {
            return;
        }

        var pointer = basePointer + field.Pointer;
        var value = DataPointer.Get(data, pointer);
        if (value is null)
        {
            return;
        }

        if (field.Widget == FieldWidget.Repeat && value is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var inner in field.Fields ?? [])
                {
                    AddRows(rows, inner, data, DataPointer.Item(pointer, i), $"{prefix}{field.ItemLabel ?? field.Label} {i + 1}：");
                }
            }

            return;
        }

        rows.Add(new Row(prefix + field.Label, Display(field.Widget, value)));
    }

    private static string Display(FieldWidget widget, JsonNode value) => (widget, value) switch
    {
        (FieldWidget.Date, JsonValue v) when DateOnly.TryParseExact(v.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            => Wareki.Date(d.ToDateTime(TimeOnly.MinValue), CultureInfo.GetCultureInfo("ja-JP")),
        (FieldWidget.MyNumber, JsonValue v) => MaskMyNumber(v.ToString()),
        (FieldWidget.Consent, JsonValue v) => v.GetValueKind() == System.Text.Json.JsonValueKind.True ? "同意する" : "同意しない",
        (_, JsonValue v) when v.GetValueKind() is System.Text.Json.JsonValueKind.True => "はい",
        (_, JsonValue v) when v.GetValueKind() is System.Text.Json.JsonValueKind.False => "いいえ",
        (_, JsonArray a) => string.Join("、", a.Select(x => x?.ToString())),
        (FieldWidget.BankAccount, JsonObject o) =>
            $"{o["bankCode"]}-{o["branchCode"]} {o["accountType"]} {MaskAccountNumber(o["accountNumber"]?.ToString())} {o["holderKana"]}".Trim(),
        (_, JsonObject o) => string.Join(" ", o.Select(p => p.Value?.ToString())),
        _ => value.ToString(),
    };

    /// <summary>個人番号 is never shown in full once entered (番号法: shown only as far as needed).</summary>
    public static string MaskMyNumber(string number) =>
        number.Length == 12 && number.All(char.IsAsciiDigit) ? new string('*', 8) + number[8..] : "************";

    /// <summary>An account number shows its last 3 digits, enough to recognise it, too few to use it.</summary>
    public static string MaskAccountNumber(string? number) =>
        number is { Length: 7 } && number.All(char.IsAsciiDigit) ? "****" + number[4..] : number is null ? "" : "*******";

    /// <summary>The page whose fields contain <paramref name="pointer"/> (a field or one inside it).</summary>
    public static int PageOf(ProcedureTemplate template, string pointer) =>
        Locate(template, pointer)?.Page ?? 0;

    public static string LabelOf(ProcedureTemplate template, string pointer) =>
        Locate(template, pointer)?.Label ?? pointer;

    public static int PageOfAttachment(ProcedureTemplate template, string key)
    {
        for (var page = 0; page < template.Layout.Pages.Count; page++)
        {
            if (template.Layout.Pages[page].Sections.SelectMany(s => s.Fields).Any(f => f.Attachment == key))
            {
                return page;
            }
        }

        return 0;
    }

    private static (int Page, string Label)? Locate(ProcedureTemplate template, string pointer)
    {
        (int, string)? best = null;
        var bestLength = -1;
        for (var page = 0; page < template.Layout.Pages.Count; page++)
        {
            foreach (var field in template.Layout.Pages[page].Sections.SelectMany(s => s.Fields))
            {
                if (field.Pointer is { } p && (pointer == p || pointer.StartsWith(p + "/", StringComparison.Ordinal)) && p.Length > bestLength)
                {
                    best = (page, field.Label);
                    bestLength = p.Length;
                }
            }
        }

        return best;
    }
}
