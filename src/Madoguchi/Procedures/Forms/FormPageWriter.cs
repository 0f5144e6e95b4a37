using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Forms;

/// <summary>The HTML of one page, written field by field. One instance per render.</summary>
internal sealed class FormPageWriter
{
    /// <summary>Encodes markup characters only, so Japanese text stays readable in the page source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const int MaxRadioOptions = 6;

    private readonly ProcedureTemplate template;
    private readonly TemplateSchema schema;
    private readonly JsonNode? data;
    private readonly IReadOnlyDictionary<string, string> attempted;
    private readonly Dictionary<string, List<string>> errorsByPointer;
    private readonly List<(string Message, string Label, string? TargetId)> summary = [];
    private readonly HashSet<string> shownErrors = [];
    private readonly IReadOnlyList<FormField> topLevelFields;
    private readonly StringBuilder html = new();

    public FormPageWriter(ProcedureTemplate template, JsonNode? data, IEnumerable<FormError> errors, IReadOnlyDictionary<string, string> attempted)
    {
        this.template = template;
        schema = TemplateSchema.For(template);
        this.data = data;
        this.attempted = attempted;
        errorsByPointer = errors.GroupBy(e => e.Pointer).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToList());
        topLevelFields = template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields).ToList();
    }

    public string Write(FormPage page)
    {
        for (var s = 0; s < page.Sections.Count; s++)
        {
            var section = page.Sections[s];
            var titleId = $"form-section-{s}";
            html.Append($"<section class=\"form-section\" aria-labelledby=\"{titleId}\"><h2 id=\"{titleId}\">{E(section.Title)}</h2>");
            if (section.Help is not null)
            {
                html.Append($"<p class=\"hint\">{E(section.Help)}</p>");
            }

            WriteFields(section.Fields, "", topLevelFields);
            html.Append("</section>");
        }

        // Errors for locations no field on this page shows (an object-level problem) still reach the summary.
        foreach (var (pointer, messages) in errorsByPointer.Where(kv => !shownErrors.Contains(kv.Key)))
        {
            summary.AddRange(messages.Select(m => (m, "", (string?)null)));
        }

        // Pressing Enter in a text box clicks the form's first submit button. On a page with repeats that
        // would be 「この…を削除」, so an unnamed, off-screen button comes first and Enter posts with no command.
        var defaultButton = page.Sections.SelectMany(s => s.Fields).Any(f => f.Widget == FieldWidget.Repeat)
            ? "<button type=\"submit\" class=\"form-default-button\" tabindex=\"-1\" aria-hidden=\"true\">次へ</button>"
            : "";
        return Summary() + "<div class=\"form-page\">" + defaultButton + html + "</div>";
    }

    private string Summary()
    {
        if (summary.Count == 0)
        {
            return "";
        }

        var list = new StringBuilder();
        list.Append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"form-error-summary-title\" tabindex=\"-1\">");
        list.Append("<h2 id=\"form-error-summary-title\">入力内容を確認してください</h2><ul>");
        foreach (var (message, label, target) in summary)
        {
            var text = label.Length > 0 ? $"{label}：{message}" : message;
            list.Append(target is null ? $"<li>{E(text)}</li>" : $"<li><a href=\"#{target}\">{E(text)}</a></li>");
        }

        list.Append("</ul></div>");
        return list.ToString();
    }

    private void WriteFields(IReadOnlyList<FormField> fields, string scope, IReadOnlyList<FormField> scopeFields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            var condition = fields[i].ShowIf;
            if (condition is null)
            {
                WriteField(fields[i], scope);
                continue;
            }

            // Consecutive fields with the same condition share one note, so the page does not repeat it.
            html.Append($"<div class=\"conditional\"><p class=\"condition-note\">{E(FormConditions.Describe(condition, scopeFields))}</p>");
            WriteField(fields[i], scope);
            while (i + 1 < fields.Count && FormConditions.SameCondition(condition, fields[i + 1].ShowIf))
            {
                WriteField(fields[++i], scope);
            }

            html.Append("</div>");
        }
    }

    private void WriteField(FormField field, string scope)
    {
        if (field.Widget == FieldWidget.File)
        {
            WriteFile(field);
            return;
        }

        var pointer = scope + field.Pointer;
        switch (field.Widget)
        {
            case FieldWidget.Text:
            case FieldWidget.Name:
                WriteInput(pointer, field.Label, field.Help, "text", "");
                break;
            case FieldWidget.Textarea:
                WriteTextarea(pointer, field.Label, field.Help);
                break;
            case FieldWidget.Kana:
                WriteInput(pointer, field.Label, Join("全角カタカナ", field.Help), "text", " lang=\"ja\"");
                break;
            case FieldWidget.PostalCode:
                WriteInput(pointer, field.Label, Join("例：100-0001", field.Help), "text", " inputmode=\"numeric\" autocomplete=\"postal-code\"");
                break;
            case FieldWidget.Address:
                WriteInput(pointer, field.Label, field.Help, "text", " autocomplete=\"street-address\"");
                break;
            case FieldWidget.Phone:
                WriteInput(pointer, field.Label, field.Help, "tel", "");
                break;
            case FieldWidget.Email:
                WriteInput(pointer, field.Label, field.Help, "email", " autocomplete=\"email\"");
                break;
            case FieldWidget.MyNumber:
                WriteInput(pointer, field.Label, Join("12桁の数字", field.Help), "text", " inputmode=\"numeric\" autocomplete=\"off\"");
                break;
            case FieldWidget.Number:
                // type="text": number inputs drop full-width digits and change on scroll; the binder normalises.
                WriteInput(pointer, field.Label, field.Help, "text", " inputmode=\"decimal\"");
                break;
            case FieldWidget.Integer:
                WriteInput(pointer, field.Label, field.Help, "text", " inputmode=\"numeric\"");
                break;
            case FieldWidget.Date:
                WriteDate(pointer, field.Label, field.Help);
                break;
            case FieldWidget.Choice:
                WriteChoice(pointer, field.Label, field.Help, schema.Options(pointer));
                break;
            case FieldWidget.MultiChoice:
                WriteMultiChoice(pointer, field.Label, field.Help);
                break;
            case FieldWidget.Checkbox:
                WriteCheckbox(pointer, field.Label, field.Help, consent: false);
                break;
            case FieldWidget.Consent:
                WriteCheckbox(pointer, field.Label, field.Help, consent: true);
                break;
            case FieldWidget.BankAccount:
                WriteBankAccount(pointer, field.Label, field.Help);
                break;
            case FieldWidget.Repeat:
                WriteRepeat(field, pointer);
                break;
            default:
                throw new InvalidOperationException($"Widget {field.Widget} has no renderer.");
        }
    }

    private void WriteInput(string pointer, string label, string? hint, string type, string attributes)
    {
        var id = DataPointer.HtmlId(pointer);
        var required = schema.IsRequired(pointer);
        html.Append($"<div class=\"field\"><label for=\"{id}\">{E(label)}{Badge(required)}</label>");
        var describedBy = HintAndError(pointer, id, hint, label, id);
        html.Append($"<input id=\"{id}\" name=\"{E(pointer)}\" type=\"{type}\" value=\"{E(Value(pointer))}\"{attributes}");
        html.Append(Aria(required, describedBy, HasErrors(pointer)));
        html.Append("></div>");
    }

    private void WriteTextarea(string pointer, string label, string? hint)
    {
        var id = DataPointer.HtmlId(pointer);
        var required = schema.IsRequired(pointer);
        html.Append($"<div class=\"field\"><label for=\"{id}\">{E(label)}{Badge(required)}</label>");
        var describedBy = HintAndError(pointer, id, hint, label, id);
        html.Append($"<textarea id=\"{id}\" name=\"{E(pointer)}\" rows=\"5\"{Aria(required, describedBy, HasErrors(pointer))}>");
        html.Append(E(Value(pointer))).Append("</textarea></div>");
    }

    private void WriteChoice(string pointer, string label, string? hint, IReadOnlyList<string> options)
    {
        var id = DataPointer.HtmlId(pointer);
        var required = schema.IsRequired(pointer);
        var current = Value(pointer);
        var invalid = HasErrors(pointer);
        if (options.Count > MaxRadioOptions)
        {
            html.Append($"<div class=\"field\"><label for=\"{id}\">{E(label)}{Badge(required)}</label>");
            var selectDescribedBy = HintAndError(pointer, id, hint, label, id);
            html.Append($"<select id=\"{id}\" name=\"{E(pointer)}\"{Aria(required, selectDescribedBy, invalid)}><option value=\"\">選択してください</option>");
            foreach (var option in options)
            {
                html.Append($"<option value=\"{E(option)}\"{(option == current ? " selected" : "")}>{E(option)}</option>");
            }

            html.Append("</select></div>");
            return;
        }

        html.Append($"<fieldset class=\"field choice\" id=\"{id}\"");
        var legend = $"<legend>{E(label)}{Badge(required)}</legend>";
        var describedBy = HintAndError(pointer, id, hint, label, id + "-0", into: out var notes);
        html.Append(describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\">" : ">");
        html.Append(legend).Append(notes).Append("<div class=\"options\">");
        for (var i = 0; i < options.Count; i++)
        {
            var optionId = $"{id}-{i}";
            html.Append($"<div class=\"option\"><input type=\"radio\" id=\"{optionId}\" name=\"{E(pointer)}\" value=\"{E(options[i])}\"");
            html.Append(options[i] == current ? " checked" : "").Append(invalid ? " aria-invalid=\"true\"" : "");
            html.Append($"><label for=\"{optionId}\">{E(options[i])}</label></div>");
        }

        html.Append("</div></fieldset>");
    }

    private void WriteMultiChoice(string pointer, string label, string? hint)
    {
        var id = DataPointer.HtmlId(pointer);
        var required = schema.IsRequired(pointer);
        var invalid = HasErrors(pointer);
        var chosen = DataPointer.Get(data, pointer) is JsonArray array
            ? array.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet()
            : [];
        html.Append($"<fieldset class=\"field multi-choice\" id=\"{id}\"");
        var describedBy = HintAndError(pointer, id, hint, label, id + "-0", into: out var notes);
        html.Append(describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\">" : ">");
        html.Append($"<legend>{E(label)}{Badge(required)}</legend>").Append(notes).Append("<div class=\"options\">");
        var options = schema.Options(pointer);
        for (var i = 0; i < options.Count; i++)
        {
            var optionId = $"{id}-{i}";
            html.Append($"<div class=\"option\"><input type=\"checkbox\" id=\"{optionId}\" name=\"{E(pointer)}\" value=\"{E(options[i])}\"");
            html.Append(chosen.Contains(options[i]) ? " checked" : "").Append(invalid ? " aria-invalid=\"true\"" : "");
            html.Append($"><label for=\"{optionId}\">{E(options[i])}</label></div>");
        }

        html.Append("</div></fieldset>");
    }

    private void WriteCheckbox(string pointer, string label, string? help, bool consent)
    {
        var id = DataPointer.HtmlId(pointer);
        var required = schema.IsRequired(pointer);
        var isChecked = DataPointer.Get(data, pointer) is JsonValue value && value.TryGetValue<bool>(out var b) && b;
        html.Append($"<div class=\"field {(consent ? "consent" : "checkbox")}\">");
        var describedBy = new List<string>();
        if (consent && help is not null)
        {
            // The text agreed to comes first, so it is read before the box is ticked.
            html.Append($"<div class=\"consent-text\" id=\"{id}-text\">{E(help)}</div>");
            describedBy.Add(id + "-text");
        }

        describedBy.AddRange(HintAndError(pointer, id, consent ? null : help, label, id));
        html.Append($"<div class=\"option\"><input type=\"checkbox\" id=\"{id}\" name=\"{E(pointer)}\" value=\"true\"{(isChecked ? " checked" : "")}");
        html.Append(Aria(required, describedBy, HasErrors(pointer)));
        html.Append($"><label for=\"{id}\">{E(label)}{Badge(required)}</label></div></div>");
    }

    private void WriteDate(string pointer, string label, string? help)
    {
        var id = DataPointer.HtmlId(pointer);
        var required = schema.IsRequired(pointer);
        var invalid = HasErrors(pointer);
        var (era, year, month, day) = DateParts(pointer);
        html.Append($"<fieldset class=\"field date\" id=\"{id}\"");
        var hint = Join("例：昭和50年4月1日。西暦で入力するときは元号で「西暦」を選んでください。", help);
        var describedBy = HintAndError(pointer, id, hint, label, id + "-era", into: out var notes);
        html.Append(describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\">" : ">");
        html.Append($"<legend>{E(label)}{Badge(required)}</legend>").Append(notes).Append("<div class=\"date-parts\">");
        // Also on each part, not only the fieldset: not every screen reader reads a fieldset's description.
        var aria = Aria(required, describedBy, invalid);
        html.Append($"<div class=\"date-part\"><label for=\"{id}-era\">元号</label><select id=\"{id}-era\" name=\"{E(pointer)}:era\"{aria}><option value=\"\">選択</option>");
        foreach (var name in WarekiEra.All.Select(e => e.Name).Append(WarekiEra.Gregorian))
        {
            html.Append($"<option value=\"{name}\"{(name == era ? " selected" : "")}>{name}</option>");
        }

        html.Append("</select></div>");
        foreach (var (part, partLabel, value, size) in new[] { ("year", "年", year, 4), ("month", "月", month, 2), ("day", "日", day, 2) })
        {
            html.Append($"<div class=\"date-part\"><label for=\"{id}-{part}\">{partLabel}</label>");
            html.Append($"<input id=\"{id}-{part}\" name=\"{E(pointer)}:{part}\" type=\"text\" inputmode=\"numeric\" size=\"{size}\" value=\"{E(value)}\"{aria}></div>");
        }

        html.Append("</div></fieldset>");
    }

    private (string Era, string Year, string Month, string Day) DateParts(string pointer)
    {
        if (attempted.Keys.Any(k => k.StartsWith(pointer + ":", StringComparison.Ordinal)))
        {
            return (Attempt(pointer + ":era"), Attempt(pointer + ":year"), Attempt(pointer + ":month"), Attempt(pointer + ":day"));
        }

        if (DateOnly.TryParseExact(Value(pointer), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var (era, year, month, day) = WarekiDate.ToParts(date);
            return (era, Number(year), Number(month), Number(day));
        }

        return ("", "", "", "");

        string Attempt(string name) => attempted.GetValueOrDefault(name) ?? "";
    }

    private void WriteBankAccount(string pointer, string label, string? help)
    {
        var id = DataPointer.HtmlId(pointer);
        html.Append($"<fieldset class=\"field bank-account\" id=\"{id}\"");
        var describedBy = HintAndError(pointer, id, help, label, id + "-bankCode", into: out var notes);
        html.Append(describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\">" : ">");
        html.Append($"<legend>{E(label)}</legend>").Append(notes);
        WriteInput(pointer + "/bankCode", "金融機関コード", "4桁の数字", "text", " inputmode=\"numeric\" autocomplete=\"off\"");
        WriteInput(pointer + "/branchCode", "支店コード", "3桁の数字", "text", " inputmode=\"numeric\" autocomplete=\"off\"");
        WriteChoice(pointer + "/accountType", "口座の種別", null, schema.Options(pointer + "/accountType") is { Count: > 0 } types ? types : ["普通", "当座"]);
        WriteInput(pointer + "/accountNumber", "口座番号", "7桁の数字。7桁に満たないときは前に0を付けてください。", "text", " inputmode=\"numeric\" autocomplete=\"off\"");
        WriteInput(pointer + "/holderKana", "口座名義（カタカナ）", "全角カタカナ", "text", " lang=\"ja\"");
        html.Append("</fieldset>");
    }

    private void WriteRepeat(FormField field, string pointer)
    {
        var id = DataPointer.HtmlId(pointer);
        var itemLabel = field.ItemLabel ?? field.Label;
        var items = field.Fields ?? [];
        var minItems = schema.IntegerKeyword(pointer, "minItems") ?? 0;
        var maxItems = schema.IntegerKeyword(pointer, "maxItems");
        var stored = DataPointer.Get(data, pointer) is JsonArray array ? array.Count : 0;

        // A list that needs at least one item starts with an empty one, so the resident need not press 追加 first.
        var count = stored == 0 && minItems > 0 ? 1 : stored;
        html.Append($"<fieldset class=\"field repeat\" id=\"{id}\"");
        var describedBy = HintAndError(pointer, id, field.Help, field.Label, id, into: out var notes);
        html.Append(describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\">" : ">");
        html.Append($"<legend>{E(field.Label)}{Badge(minItems > 0)}</legend>").Append(notes);
        html.Append($"<input type=\"hidden\" name=\"{E(pointer)}:count\" value=\"{Number(count)}\">");
        for (var i = 0; i < count; i++)
        {
            var itemPointer = DataPointer.Item(pointer, i);
            var itemId = DataPointer.HtmlId(itemPointer);
            var title = $"{itemLabel} {i + 1}";
            html.Append($"<fieldset class=\"repeat-item\" id=\"{itemId}\"><legend>{E(title)}</legend>");
            HintAndError(itemPointer, itemId, null, title, itemId);
            WriteFields(items, itemPointer, items);
            if (count > minItems)
            {
                html.Append($"<div class=\"repeat-actions\"><button type=\"submit\" class=\"secondary\" name=\"_remove\" value=\"{E(itemPointer)}\" formnovalidate>");
                html.Append($"この{E(itemLabel)}を削除<span class=\"visually-hidden-label\">（{E(title)}）</span></button></div>");
            }

            html.Append("</fieldset>");
        }

        if (maxItems is null || count < maxItems)
        {
            html.Append($"<div class=\"repeat-actions\"><button type=\"submit\" class=\"secondary\" name=\"_add\" value=\"{E(pointer)}\" formnovalidate>{E(itemLabel)}を追加</button></div>");
        }

        html.Append("</fieldset>");
    }

    private void WriteFile(FormField field)
    {
        var attachment = template.Attachments.FirstOrDefault(a => a.Key == field.Attachment)
            ?? throw new InvalidOperationException($"{template.Key}: file field names unknown attachment '{field.Attachment}'.");
        var name = "file:" + attachment.Key;
        var id = "file-" + DataPointer.HtmlId("/" + attachment.Key)["field-".Length..];
        html.Append($"<div class=\"field file\"><label for=\"{id}\">{E(field.Label)}{Badge(attachment.Required)}</label>");
        // The layout's label is short; the attachment's own label names the documents that qualify.
        var what = attachment.Label == field.Label ? null : attachment.Label;
        var hint = Join(Join(what, field.Help ?? attachment.Help), "ファイルの形式：" + string.Join("、", attachment.Accept.Select(FileKind).Distinct()));
        var describedBy = HintAndError(name, id, hint, field.Label, id);
        html.Append($"<input id=\"{id}\" name=\"{E(name)}\" type=\"file\" accept=\"{E(string.Join(',', attachment.Accept))}\"");
        html.Append(Aria(attachment.Required, describedBy, HasErrors(name))).Append("></div>");
    }

    private static string FileKind(string mime) => mime switch
    {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        "image/heic" => "HEIC",
        _ => mime,
    };

    /// <summary>Writes the hint and the error (if any) into the page and returns the ids to describe the input by.</summary>
    private List<string> HintAndError(string pointer, string id, string? hint, string label, string target)
    {
        var ids = HintAndError(pointer, id, hint, label, target, out var notes);
        html.Append(notes);
        return ids;
    }

    /// <summary>Same, but returns the markup for the caller to place (after a legend).</summary>
    private List<string> HintAndError(string pointer, string id, string? hint, string label, string target, out string into)
    {
        var ids = new List<string>();
        var notes = new StringBuilder();
        if (hint is not null)
        {
            notes.Append($"<span class=\"hint\" id=\"{id}-hint\">{E(hint)}</span>");
            ids.Add(id + "-hint");
        }

        if (errorsByPointer.TryGetValue(pointer, out var messages))
        {
            notes.Append($"<span class=\"field-error\" id=\"{id}-error\">{E(string.Join(" ", messages))}</span>");
            ids.Add(id + "-error");
            if (shownErrors.Add(pointer))
            {
                summary.AddRange(messages.Select(m => (m, label, (string?)target)));
            }
        }

        into = notes.ToString();
        return ids;
    }

    private bool HasErrors(string pointer) => errorsByPointer.ContainsKey(pointer);

    private static string Aria(bool required, IReadOnlyList<string> describedBy, bool invalid)
    {
        var aria = new StringBuilder();
        if (required)
        {
            aria.Append(" aria-required=\"true\"");
        }

        if (invalid)
        {
            aria.Append(" aria-invalid=\"true\"");
        }

        if (describedBy.Count > 0)
        {
            aria.Append($" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        }

        return aria.ToString();
    }

    /// <summary>The same badge as <c>FieldTagHelper</c>.</summary>
    private static string Badge(bool required) => required ? " <span class=\"required\">必須</span>" : "";

    private string Value(string pointer)
    {
        if (attempted.TryGetValue(pointer, out var typed))
        {
            return typed;
        }

        return DataPointer.Get(data, pointer) switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            JsonValue value => value.ToJsonString(),
            _ => "",
        };
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + " " + second;

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => Encoder.Encode(text);
}
