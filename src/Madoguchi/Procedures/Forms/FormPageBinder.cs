using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Forms;

/// <summary>Binds one post of one page. One instance per post.</summary>
internal sealed partial class FormPageBinder
{
    private const string NotANumber = "数字で入力してください。";

    private readonly ProcedureTemplate template;
    private readonly TemplateSchema schema;
    private readonly JsonObject data;
    private readonly ILookup<string, string> posted;
    private readonly List<FormError> errors = [];
    private readonly Dictionary<string, string> attempted = [];

    public FormPageBinder(ProcedureTemplate template, JsonObject data, IEnumerable<KeyValuePair<string, string>> posted)
    {
        this.template = template;
        schema = TemplateSchema.For(template);
        this.data = data;
        this.posted = posted.ToLookup(kv => kv.Key, kv => kv.Value ?? "", StringComparer.Ordinal);
    }

    public FormBindResult Bind(FormPage page)
    {
        var fields = page.Sections.SelectMany(s => s.Fields).ToList();
        foreach (var field in fields)
        {
            BindField(field, "");
        }

        var itemsChanged = ApplyRepeatCommands(fields);

        // Every page, not just this one: an answer here (配偶者がいる) can hide fields filled on a later page.
        var allFields = template.Layout.Pages.SelectMany(p => p.Sections).SelectMany(s => s.Fields).ToList();
        while (RemoveHidden(allFields, ""))
        {
            // A removed answer can hide further fields (配偶者がいる → 同居・別居 → 配偶者の住所); repeat until stable.
        }

        return new FormBindResult(data, errors, attempted, itemsChanged);
    }

    private void BindField(FormField field, string scope)
    {
        if (field.Widget == FieldWidget.File || field.Pointer is null)
        {
            return; // uploads are stored apart from the data
        }

        var pointer = scope + field.Pointer;
        switch (field.Widget)
        {
            case FieldWidget.Repeat:
                BindRepeat(field, pointer);
                break;
            case FieldWidget.BankAccount:
                BindText(pointer + "/bankCode", TextNormalizer.DigitsOnly(First(pointer + "/bankCode")));
                BindText(pointer + "/branchCode", TextNormalizer.DigitsOnly(First(pointer + "/branchCode")));
                BindText(pointer + "/accountType", First(pointer + "/accountType").Trim());
                BindText(pointer + "/accountNumber", TextNormalizer.DigitsOnly(First(pointer + "/accountNumber")));
                BindText(pointer + "/holderKana", Kana(First(pointer + "/holderKana")));
                break;
            case FieldWidget.Date:
                BindDate(pointer);
                break;
            case FieldWidget.Checkbox:
            case FieldWidget.Consent:
                // An unticked box is not posted at all: absent means false.
                DataPointer.Set(data, pointer, JsonValue.Create(posted[pointer].Any(v => v.Length > 0)));
                break;
            case FieldWidget.MultiChoice:
                BindMultiChoice(pointer);
                break;
            case FieldWidget.Number:
            case FieldWidget.Integer:
                BindNumber(pointer, First(pointer));
                break;
            case FieldWidget.Choice:
                BindChoice(pointer, First(pointer).Trim());
                break;
            case FieldWidget.Textarea:
                BindText(pointer, First(pointer).Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
                break;
            case FieldWidget.Kana:
                BindText(pointer, Kana(First(pointer)));
                break;
            case FieldWidget.PostalCode:
                BindText(pointer, TextNormalizer.AsciiHyphens(TextNormalizer.AsciiDigits(First(pointer))).Replace("〒", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("　", "", StringComparison.Ordinal));
                break;
            case FieldWidget.Phone:
                BindText(pointer, Phone(First(pointer)));
                break;
            case FieldWidget.MyNumber:
                BindText(pointer, TextNormalizer.DigitsOnly(First(pointer)));
                break;
            default:
                BindText(pointer, First(pointer).Trim());
                break;
        }
    }

    private string First(string name) => posted[name].FirstOrDefault() ?? "";

    /// <summary>Blank is omitted rather than stored as "", so an optional field left empty is simply absent.</summary>
    private void BindText(string pointer, string value)
    {
        value = value.Trim();
        if (value.Length == 0)
        {
            DataPointer.Remove(data, pointer);
        }
        else
        {
            DataPointer.Set(data, pointer, JsonValue.Create(value));
        }
    }

    private void BindChoice(string pointer, string value)
    {
        if (value.Length > 0 && schema.TypeAt(pointer) == "boolean" && bool.TryParse(value, out var flag))
        {
            DataPointer.Set(data, pointer, JsonValue.Create(flag));
            return;
        }

        if (value.Length > 0 && schema.TypeAt(pointer) is "integer" or "number")
        {
            BindNumber(pointer, value);
            return;
        }

        BindText(pointer, value);
    }

    private void BindMultiChoice(string pointer)
    {
        var values = posted[pointer].Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count == 0)
        {
            DataPointer.Remove(data, pointer);
            return;
        }

        DataPointer.Set(data, pointer, new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()));
    }

    private void BindNumber(string pointer, string raw)
    {
        var text = TextNormalizer.AsciiDigits(raw.Trim())
            .Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal)
            .Replace('．', '.').Replace('－', '-').Replace('−', '-');
        if (text.Length == 0)
        {
            DataPointer.Remove(data, pointer);
            return;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            Fail(pointer, NotANumber, (pointer, raw));
            return;
        }

        // Whole numbers are stored without a fraction (3, not 3.0); a fraction in an integer field is left
        // for the schema to reject with its own message.
        JsonNode value = number == decimal.Truncate(number) && Math.Abs(number) < long.MaxValue
            ? JsonValue.Create((long)number)
            : JsonValue.Create(number);
        DataPointer.Set(data, pointer, value);
    }

    private void BindDate(string pointer)
    {
        var era = First(pointer + ":era").Trim();
        var year = First(pointer + ":year").Trim();
        var month = First(pointer + ":month").Trim();
        var day = First(pointer + ":day").Trim();
        var hasParts = posted.Contains(pointer + ":year") || posted.Contains(pointer + ":era");
        if (!hasParts)
        {
            // A client that posts the ISO date itself (a script, the API) is accepted as is.
            BindIsoDate(pointer, TextNormalizer.AsciiDigits(First(pointer).Trim()));
            return;
        }

        // The era select starts on 「選択」 but may have been chosen without the rest: only the numbers decide blank.
        if (year.Length == 0 && month.Length == 0 && day.Length == 0)
        {
            DataPointer.Remove(data, pointer);
            return;
        }

        if (WarekiDate.TryToGregorian(era, year, month, day, out var date, out var error))
        {
            DataPointer.Set(data, pointer, JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            return;
        }

        Fail(pointer, error, (pointer + ":era", era), (pointer + ":year", year), (pointer + ":month", month), (pointer + ":day", day));
    }

    private void BindIsoDate(string pointer, string text)
    {
        if (text.Length == 0)
        {
            DataPointer.Remove(data, pointer);
        }
        else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            DataPointer.Set(data, pointer, JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        else
        {
            Fail(pointer, WarekiDate.ImpossibleDate, (pointer, text));
        }
    }

    private void Fail(string pointer, string message, params (string Name, string Value)[] typed)
    {
        // The old value no longer says what the resident meant; keep what they typed for the page instead.
        DataPointer.Remove(data, pointer);
        errors.Add(new FormError(pointer, message));
        foreach (var (name, value) in typed)
        {
            attempted[name] = value;
        }
    }

    private void BindRepeat(FormField field, string pointer)
    {
        var existing = DataPointer.Get(data, pointer) as JsonArray;
        var count = PostedCount(pointer) ?? existing?.Count ?? 0;
        if (count == 0)
        {
            DataPointer.Remove(data, pointer);
            return;
        }

        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var item = existing is not null && i < existing.Count && existing[i] is JsonObject o ? o.DeepClone() : new JsonObject();
            array.Add(item);
        }

        DataPointer.Set(data, pointer, array);
        for (var i = 0; i < count; i++)
        {
            foreach (var child in field.Fields ?? [])
            {
                BindField(child, DataPointer.Item(pointer, i));
            }
        }
    }

    /// <summary>The number of items the page showed: its hidden count, else the highest index posted.</summary>
    private int? PostedCount(string pointer)
    {
        if (int.TryParse(First(pointer + ":count"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return Math.Min(count, schema.IntegerKeyword(pointer, "maxItems") ?? 1000);
        }

        var prefix = pointer + "/";
        var indices = posted.Select(g => g.Key).Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('/', ':')[0])
            .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Where(i => i >= 0)
            .ToList();
        return indices.Count > 0 ? Math.Min(indices.Max() + 1, schema.IntegerKeyword(pointer, "maxItems") ?? 1000) : null;
    }

    private bool ApplyRepeatCommands(IReadOnlyList<FormField> pageFields)
    {
        var repeats = pageFields.Where(f => f.Widget == FieldWidget.Repeat && f.Pointer is not null).Select(f => f.Pointer!).ToHashSet(StringComparer.Ordinal);
        var changed = false;
        foreach (var target in posted[FormBinder.RemoveCommand])
        {
            var list = DataPointer.ParentOf(target);
            if (repeats.Contains(list) && DataPointer.Get(data, list) is JsonArray array
                && int.TryParse(DataPointer.Tokens(target)[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count)
            {
                array.RemoveAt(index);
                Renumber(list, index);
                changed = true;
            }
        }

        foreach (var list in posted[FormBinder.AddCommand].Where(repeats.Contains))
        {
            var max = schema.IntegerKeyword(list, "maxItems");
            var array = DataPointer.Get(data, list) as JsonArray;
            if (array is null)
            {
                array = [];
                DataPointer.Set(data, list, array);
            }

            if (max is null || array.Count < max)
            {
                array.Add(new JsonObject());
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>After item <paramref name="removed"/> goes, binder errors and typed values of the items after it move up one.</summary>
    private void Renumber(string list, int removed)
    {
        var prefix = list + "/";
        string? Shift(string pointer)
        {
            if (!pointer.StartsWith(prefix, StringComparison.Ordinal))
            {
                return pointer;
            }

            var rest = pointer[prefix.Length..];
            var end = rest.IndexOfAny(['/', ':']);
            var token = end < 0 ? rest : rest[..end];
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return pointer;
            }

            return index == removed ? null : index < removed ? pointer : prefix + (index - 1).ToString(CultureInfo.InvariantCulture) + (end < 0 ? "" : rest[end..]);
        }

        var kept = errors.Select(e => Shift(e.Pointer) is { } p ? e with { Pointer = p } : null).OfType<FormError>().ToList();
        errors.Clear();
        errors.AddRange(kept);
        var typed = attempted.Select(kv => (Key: Shift(kv.Key), kv.Value)).Where(kv => kv.Key is not null).ToList();
        attempted.Clear();
        foreach (var (key, value) in typed)
        {
            attempted[key!] = value;
        }
    }

    /// <summary>Removes the values of fields whose showIf is false, and any binder error for them.</summary>
    private bool RemoveHidden(IReadOnlyList<FormField> fields, string scope)
    {
        var removed = false;
        foreach (var field in fields.Where(f => f.Pointer is not null))
        {
            var pointer = scope + field.Pointer;
            if (!FormConditions.IsShown(field.ShowIf, data, scope))
            {
                removed |= DataPointer.Remove(data, pointer);
                errors.RemoveAll(e => e.Pointer == pointer || e.Pointer.StartsWith(pointer + "/", StringComparison.Ordinal));
                foreach (var key in attempted.Keys.Where(k => k == pointer || k.StartsWith(pointer + ":", StringComparison.Ordinal) || k.StartsWith(pointer + "/", StringComparison.Ordinal)).ToList())
                {
                    attempted.Remove(key);
                }

                continue;
            }

            if (field.Widget == FieldWidget.Repeat && DataPointer.Get(data, pointer) is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    removed |= RemoveHidden(field.Fields ?? [], DataPointer.Item(pointer, i));
                }
            }
        }

        return removed;
    }

    private static string Phone(string raw)
    {
        // 03(1234)5678 and （03）1234-5678 are common ways to write a number; the pattern wants digits and hyphens.
        var text = TextNormalizer.AsciiHyphens(TextNormalizer.AsciiDigits(raw.Trim()));
        text = Regex.Replace(text, "[()（）\\s　]+", "-");
        return RepeatedHyphens().Replace(text, "-").Trim('-');
    }

    /// <summary>Half-width katakana become full-width (NFKC) and hiragana become katakana, because
    /// residents often type フリガナ in hiragana and the schema asks for katakana.</summary>
    private static string Kana(string raw)
    {
        var text = raw.Trim().Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c is >= 'ぁ' and <= 'ゖ' ? (char)(c + 0x60) : c);
        }

        return result.ToString();
    }

    [GeneratedRegex("-{2,}")]
    private static partial Regex RepeatedHyphens();
}
