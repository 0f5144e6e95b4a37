using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// A procedure's definition (template format) being edited. Each builder action is one method here,
/// and each keeps schema and layout consistent itself: adding a field adds its schema property,
/// required and show-if are written into <c>required</c> and if/then (<see cref="FieldRequirements"/>),
/// removing a field removes both. A method answers a problem instead of changing anything when the
/// action cannot be done; the caller saves the definition only when there is none.
/// </summary>
public sealed partial class DraftDefinition
{
    private readonly JsonObject root;

    private DraftDefinition(JsonObject root) => this.root = root;

    public static DraftDefinition FromJson(string json) => new(JsonNode.Parse(json)!.AsObject());

    public static DraftDefinition From(ProcedureTemplate template) =>
        FromJson(JsonSerializer.Serialize(template, TemplateLibrary.JsonOptions));

    /// <summary>A form with one empty page, to be filled in the builder.</summary>
    public static DraftDefinition Blank(string key, string title, string department) => From(new ProcedureTemplate(
        key, title, "", "", "", department, "その他", [], [], RequiredAssurance.Account, null, new TemplateFee(0, null), [],
        JsonSerializer.SerializeToElement(new JsonObject
        {
            ["$schema"] = DefinitionCheck.SchemaDialect, ["type"] = "object", ["additionalProperties"] = false,
            ["properties"] = new JsonObject(), ["required"] = new JsonArray(),
        }),
        new FormLayout([new FormPage("申請内容", "Application", [new FormSection("申請内容", "Application", null, [])])]),
        ""));

    /// <summary>Stored and compared as written (日本語 rather than \u escapes), so drafts and audit entries stay readable.</summary>
    public static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => root.ToJsonString(Readable);

    public ProcedureTemplate ToTemplate() => JsonSerializer.Deserialize<ProcedureTemplate>(root, TemplateLibrary.JsonOptions)!;

    public void SetKey(string key) => root["key"] = key;

    public void SetMetadata(DraftMetadata m)
    {
        root["title"] = m.Title;
        root["titleEn"] = m.TitleEn ?? "";
        root["description"] = m.Description;
        root["descriptionEn"] = m.DescriptionEn ?? "";
        root["department"] = m.Department;
        root["category"] = m.Category;
        root["lifeEvents"] = Strings(m.LifeEvents);
        root["keywords"] = Strings(m.Keywords);
        root["assurance"] = m.Assurance.ToString();
        root["signature"] = m.Signature.ToString();
        root["standardProcessingDays"] = m.StandardProcessingDays;
    }

    /// <summary>The fee table, whole (the builder's 手数料 form; checked by <see cref="FeeTable"/> first).</summary>
    public void SetFee(TemplateFee fee) => root["fee"] = JsonSerializer.SerializeToNode(fee, TemplateLibrary.JsonOptions);

    // ---- pages and sections ------------------------------------------------------------------

    private JsonArray Pages => root["layout"]!["pages"]!.AsArray();

    private JsonObject Schema => root["schema"]!.AsObject();

    public void AddPage(string title, string? titleEn) =>
        Pages.Add(new JsonObject
        {
            ["title"] = title, ["titleEn"] = titleEn,
            ["sections"] = new JsonArray(new JsonObject { ["title"] = title, ["titleEn"] = titleEn, ["help"] = null, ["fields"] = new JsonArray() }),
        });

    public DefinitionProblem? RenamePage(int page, string title, string? titleEn)
    {
        if (PageAt(page) is not { } p)
        {
            return Gone;
        }

        p["title"] = title;
        p["titleEn"] = titleEn;
        return null;
    }

    public DefinitionProblem? MovePage(int page, int delta) => Move(Pages, page, delta);

    public DefinitionProblem? RemovePage(int page)
    {
        if (PageAt(page) is not { } p)
        {
            return Gone;
        }

        for (var s = Sections(p).Count - 1; s >= 0; s--)
        {
            if (RemoveSection(page, s) is { } problem)
            {
                return problem;
            }
        }

        Pages.RemoveAt(page);
        return null;
    }

    public DefinitionProblem? AddSection(int page, string title, string? titleEn, string? help)
    {
        if (PageAt(page) is not { } p)
        {
            return Gone;
        }

        Sections(p).Add(new JsonObject { ["title"] = title, ["titleEn"] = titleEn, ["help"] = help, ["fields"] = new JsonArray() });
        return null;
    }

    public DefinitionProblem? EditSection(int page, int section, string title, string? titleEn, string? help)
    {
        if (SectionAt(page, section) is not { } s)
        {
            return Gone;
        }

        s["title"] = title;
        // The section form has no English heading; a null keeps the one the template brought.
        if (titleEn is not null)
        {
            s["titleEn"] = titleEn;
        }

        s["help"] = help;
        return null;
    }

    public DefinitionProblem? MoveSection(int page, int section, int delta) =>
        PageAt(page) is { } p ? Move(Sections(p), section, delta) : Gone;

    public DefinitionProblem? RemoveSection(int page, int section)
    {
        if (SectionAt(page, section) is not { } s)
        {
            return Gone;
        }

        for (var f = Fields(s).Count - 1; f >= 0; f--)
        {
            if (RemoveField(new FieldAddress(page, section, f)) is { } problem)
            {
                return problem;
            }
        }

        Sections(PageAt(page)!).RemoveAt(section);
        return null;
    }

    // ---- fields ----------------------------------------------------------------------------

    /// <summary>Adds a field at the end of a section, or of a repeating group when <paramref name="group"/> is given.</summary>
    public DefinitionProblem? AddField(int page, int section, FieldAddress? group, FieldWidget widget, string? key, string label, IReadOnlyList<string> choices)
    {
        JsonArray list;
        JsonObject scope;
        if (group is not null)
        {
            if (FieldAt(group) is not { } repeat || Widget(repeat) != FieldWidget.Repeat || ScopeOf(group) is not { } outer
                || FieldRequirements.At(outer, FieldRequirements.Tokens(Pointer(repeat)!))?["items"] is not JsonObject items)
            {
                return Gone;
            }

            if (widget is FieldWidget.Repeat or FieldWidget.File)
            {
                return new("繰り返しの中には、繰り返しとファイルの項目を置けません。");
            }

            list = repeat["fields"] as JsonArray ?? [];
            repeat["fields"] = list;
            scope = items;
        }
        else
        {
            if (SectionAt(page, section) is not { } s)
            {
                return Gone;
            }

            list = Fields(s);
            scope = Schema;
        }

        key = string.IsNullOrWhiteSpace(key) ? FreeKey(scope, widget) : key.Trim();
        if (!FieldKey().IsMatch(key))
        {
            return new("項目キー「{0}」は半角英字で始まる英数字（例: childName）にしてください。", key);
        }

        var properties = scope["properties"] as JsonObject ?? [];
        scope["properties"] = properties;
        if (properties.ContainsKey(key) || Attachments.Any(a => a?["key"]?.GetValue<string>() == key))
        {
            return new("項目キー「{0}」は既に使われています。", key);
        }

        if (HasChoicesProblem(widget, choices) is { } choiceProblem)
        {
            return choiceProblem;
        }

        var field = new JsonObject { ["pointer"] = "/" + key, ["widget"] = WidgetSchemas.Kebab(widget), ["label"] = label, ["labelEn"] = null, ["help"] = null };
        if (widget == FieldWidget.File)
        {
            field["pointer"] = null;
            field["attachment"] = key;
            Attachments.Add(new JsonObject
            {
                ["key"] = key, ["label"] = label, ["labelEn"] = null, ["help"] = null, ["required"] = false,
                ["accept"] = new JsonArray("application/pdf", "image/jpeg", "image/png"),
            });
        }
        else
        {
            properties[key] = WidgetSchemas.For(widget, choices.Count > 0 ? choices : ["はい", "いいえ"]);
        }

        if (widget == FieldWidget.Repeat)
        {
            field["itemLabel"] = label;
            field["fields"] = new JsonArray();
        }

        list.Add(field);
        return null;
    }

    public DefinitionProblem? UpdateField(FieldAddress at, FieldSettings s)
    {
        if (FieldAt(at) is not { } field || ScopeOf(at) is not { } scope)
        {
            return Gone;
        }

        var widget = Widget(field);
        var condition = s.ShowIfPointer is null ? null : ConditionCandidates(at).FirstOrDefault(c => c.Pointer == s.ShowIfPointer);
        if (s.ShowIfPointer is not null && (condition is null || !condition.Values.Any(v => JsonNode.DeepEquals(v.Value, s.ShowIfValue))))
        {
            return new("表示条件には、同じ並びにある選択肢またはチェックボックスの項目と、その値を選んでください。");
        }

        if (s.Min is < 0 || s.Max is < 0 || (s.Min is { } min && s.Max is { } max && min > max))
        {
            return new("最小と最大は 0 以上で、最小を最大以下にしてください。");
        }

        field["label"] = s.Label;
        field["labelEn"] = s.LabelEn;
        field["help"] = s.Help;
        field["showIf"] = condition is null ? null : new JsonObject { ["pointer"] = condition.Pointer, ["equals"] = s.ShowIfValue?.DeepClone() };
        if (widget == FieldWidget.File)
        {
            if (s.Required && condition is not null)
            {
                return new("必須の添付書類には表示条件を付けられません。");
            }

            if (Attachments.OfType<JsonObject>().FirstOrDefault(a => a["key"]?.GetValue<string>() == field["attachment"]?.GetValue<string>()) is not { } attachment)
            {
                return Gone;
            }

            attachment["label"] = s.Label;
            attachment["labelEn"] = s.LabelEn;
            attachment["help"] = s.Help;
            attachment["required"] = s.Required;
            return null;
        }

        var pointer = Pointer(field)!;
        var schema = FieldRequirements.At(scope, FieldRequirements.Tokens(pointer))!;
        if (WidgetSchemas.HasChoices(widget))
        {
            if (s.Choices.Count == 0)
            {
                return new("選択肢を2つ以上、重ならないように1行に1つずつ入力してください。");
            }

            if (HasChoicesProblem(widget, s.Choices) is { } problem)
            {
                return problem;
            }

            (widget == FieldWidget.MultiChoice ? schema["items"]!.AsObject() : schema)["enum"] = Strings(s.Choices);
        }

        if (WidgetSchemas.HasLength(widget))
        {
            schema["minLength"] = s.Min ?? 1;
            SetOrRemove(schema, "maxLength", s.Max);
        }
        else if (widget == FieldWidget.Repeat)
        {
            SetOrRemove(schema, "minItems", s.Min);
            SetOrRemove(schema, "maxItems", s.Max);
            field["itemLabel"] = string.IsNullOrWhiteSpace(s.ItemLabel) ? s.Label : s.ItemLabel;
        }
        else if (WidgetSchemas.HasRange(widget))
        {
            schema["minimum"] = s.Min ?? 0;
            SetOrRemove(schema, "maximum", s.Max);
        }

        FieldRequirements.Set(scope, pointer, s.Required, condition?.Pointer, s.ShowIfValue);
        return null;
    }

    public DefinitionProblem? MoveField(FieldAddress at, int delta) =>
        ListOf(at) is { } list ? Move(list, at.Child ?? at.Field, delta) : Gone;

    public DefinitionProblem? RemoveField(FieldAddress at)
    {
        if (FieldAt(at) is not { } field || ScopeOf(at) is not { } scope || ListOf(at) is not { } list)
        {
            return Gone;
        }

        if (Widget(field) == FieldWidget.File)
        {
            var key = field["attachment"]?.GetValue<string>();
            foreach (var a in Attachments.OfType<JsonObject>().Where(a => a["key"]?.GetValue<string>() == key).ToList())
            {
                Attachments.Remove(a);
            }

            list.Remove(field);
            return null;
        }

        var pointer = Pointer(field)!;
        if (SiblingsOf(at).FirstOrDefault(f => f["showIf"]?["pointer"]?.GetValue<string>() == pointer) is { } dependent)
        {
            return new("「{0}」は「{1}」の表示条件に使われているため削除できません。先に条件を外してください。", Label(field), Label(dependent));
        }

        FieldRequirements.Clear(scope, pointer);
        FieldRequirements.ClearConditionsOn(scope, pointer);
        var tokens = FieldRequirements.Tokens(pointer);
        (FieldRequirements.At(scope, tokens[..^1])?["properties"] as JsonObject)?.Remove(tokens[^1]);
        list.Remove(field);
        return null;
    }

    /// <summary>Whether the field is required, unconditionally or through its show-if's if/then.</summary>
    public bool IsRequired(FieldAddress at)
    {
        if (FieldAt(at) is not { } field)
        {
            return false;
        }

        if (Widget(field) == FieldWidget.File)
        {
            return Attachments.OfType<JsonObject>().Any(a => a["key"]?.GetValue<string>() == field["attachment"]?.GetValue<string>() && a["required"]?.GetValue<bool>() == true);
        }

        return ScopeOf(at) is { } scope && Pointer(field) is { } pointer && FieldRequirements.IsRequired(scope, pointer);
    }

    /// <summary>A value a show-if can compare with, and how staff read it.</summary>
    public sealed record ConditionValue(JsonNode? Value, string Text);

    /// <summary>A field another field's show-if may look at: a choice or a checkbox of the same level.</summary>
    public sealed record ConditionField(string Pointer, string Label, IReadOnlyList<ConditionValue> Values);

    public IReadOnlyList<ConditionField> ConditionCandidates(FieldAddress at)
    {
        if (FieldAt(at) is not { } self || ScopeOf(at) is not { } scope)
        {
            return [];
        }

        var candidates = new List<ConditionField>();
        foreach (var f in SiblingsOf(at).Where(f => f != self && WidgetSchemas.CanBeCondition(Widget(f)) && Pointer(f) is not null))
        {
            var pointer = Pointer(f)!;
            if (Widget(f) == FieldWidget.Checkbox)
            {
                candidates.Add(new ConditionField(pointer, Label(f), [new(JsonValue.Create(true), "チェックあり")]));
            }
            else if (FieldRequirements.At(scope, FieldRequirements.Tokens(pointer))?["enum"] is JsonArray values)
            {
                candidates.Add(new ConditionField(pointer, Label(f), values.Select(v => new ConditionValue(v?.DeepClone(), v?.ToString() ?? "")).ToList()));
            }
        }

        return candidates;
    }

    // ---- navigation --------------------------------------------------------------------------

    private static readonly DefinitionProblem Gone = new("その項目は見つかりません。画面を読み込み直してください。");

    private JsonArray Attachments
    {
        get
        {
            var list = root["attachments"] as JsonArray ?? [];
            root["attachments"] = list;
            return list;
        }
    }

    private JsonObject? PageAt(int page) => page >= 0 && page < Pages.Count ? Pages[page] as JsonObject : null;

    private static JsonArray Sections(JsonObject page) => page["sections"]!.AsArray();

    private static JsonArray Fields(JsonObject section) => section["fields"]!.AsArray();

    private JsonObject? SectionAt(int page, int section) =>
        PageAt(page) is { } p && section >= 0 && section < Sections(p).Count ? Sections(p)[section] as JsonObject : null;

    private JsonArray? ListOf(FieldAddress at)
    {
        if (at.Group is { } group)
        {
            return FieldAt(group)?["fields"] as JsonArray;
        }

        return SectionAt(at.Page, at.Section) is { } s ? Fields(s) : null;
    }

    private JsonObject? FieldAt(FieldAddress at)
    {
        var list = ListOf(at);
        var index = at.Child ?? at.Field;
        return list is not null && index >= 0 && index < list.Count ? list[index] as JsonObject : null;
    }

    /// <summary>The schema a field's pointer is relative to: the root, or its group's items.</summary>
    private JsonObject? ScopeOf(FieldAddress at) =>
        at.Group is { } group
            ? FieldAt(group) is { } repeat && Pointer(repeat) is { } p ? FieldRequirements.At(Schema, FieldRequirements.Tokens(p))?["items"] as JsonObject : null
            : Schema;

    /// <summary>The fields whose pointers share the field's scope: every field of the layout, or of its group.</summary>
    private IEnumerable<JsonObject> SiblingsOf(FieldAddress at) =>
        at.Group is { } group
            ? (FieldAt(group)?["fields"] as JsonArray ?? []).OfType<JsonObject>()
            : Pages.OfType<JsonObject>().SelectMany(p => Sections(p).OfType<JsonObject>()).SelectMany(s => Fields(s).OfType<JsonObject>());

    private static FieldWidget Widget(JsonObject field) =>
        Enum.Parse<FieldWidget>(field["widget"]!.GetValue<string>().Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    private static string? Pointer(JsonObject field) => field["pointer"]?.GetValue<string>();

    private static string Label(JsonObject field) => field["label"]?.GetValue<string>() ?? "";

    private static DefinitionProblem? Move(JsonArray list, int index, int delta)
    {
        var target = index + delta;
        if (index < 0 || index >= list.Count)
        {
            return Gone;
        }

        if (target < 0 || target >= list.Count)
        {
            return null;
        }

        var item = list[index];
        list.RemoveAt(index);
        list.Insert(target, item);
        return null;
    }

    private static DefinitionProblem? HasChoicesProblem(FieldWidget widget, IReadOnlyList<string> choices) =>
        WidgetSchemas.HasChoices(widget) && choices.Count > 0
            && (choices.Count < 2 || choices.Distinct(StringComparer.Ordinal).Count() != choices.Count)
            ? new("選択肢を2つ以上、重ならないように1行に1つずつ入力してください。")
            : null;

    private string FreeKey(JsonObject scope, FieldWidget widget)
    {
        var kebab = WidgetSchemas.Kebab(widget);
        var stem = JsonNamingPolicy.CamelCase.ConvertName(string.Concat(kebab.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])));
        var taken = (scope["properties"] as JsonObject)?.Select(p => p.Key).ToHashSet() ?? [];
        taken.UnionWith(Attachments.Select(a => a?["key"]?.GetValue<string>() ?? ""));
        return Enumerable.Range(1, int.MaxValue - 1).Select(n => stem + n).First(k => !taken.Contains(k));
    }

    private static void SetOrRemove(JsonObject schema, string keyword, int? value)
    {
        if (value is { } v)
        {
            schema[keyword] = v;
        }
        else
        {
            schema.Remove(keyword);
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex FieldKey();
}
