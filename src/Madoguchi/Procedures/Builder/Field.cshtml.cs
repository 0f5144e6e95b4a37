using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Builder;

/// <summary>One field of the draft: label, help, required, choices, lengths or bounds, show-if.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class BuilderFieldModel(ProcedureBuilder builder, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FieldInput
    {
        [Required(ErrorMessage = "ラベルを入力してください。")]
        [StringLength(200, ErrorMessage = "ラベルは200文字以内にしてください。")]
        public string? Label { get; set; }

        [StringLength(200, ErrorMessage = "英語のラベルは200文字以内にしてください。")]
        public string? LabelEn { get; set; }

        [StringLength(2000, ErrorMessage = "説明は2000文字以内にしてください。")]
        public string? Help { get; set; }

        public bool Required { get; set; }
        public string? Choices { get; set; }

        [Range(0, 1_000_000_000, ErrorMessage = "0 以上の数で入力してください。")]
        public int? Min { get; set; }

        [Range(0, 1_000_000_000, ErrorMessage = "0 以上の数で入力してください。")]
        public int? Max { get; set; }

        [StringLength(50, ErrorMessage = "1件の呼び名は50文字以内にしてください。")]
        public string? ItemLabel { get; set; }

        /// <summary>"pointer|value as JSON", or empty for no condition.</summary>
        public string? ShowIf { get; set; }
    }

    [BindProperty]
    public FieldInput Input { get; set; } = new();

    [BindProperty(Name = "draftVersion")]
    public int DraftVersion { get; set; }

    public ProcedureBuilder.Loaded Loaded { get; private set; } = null!;
    public FormField Field { get; private set; } = null!;
    public FieldAddress At { get; private set; } = null!;
    public IReadOnlyList<DraftDefinition.ConditionField> Conditions { get; private set; } = [];

    public string EditUrl => $"/{tenant.Code}/staff/builder/{Loaded.Procedure.Key}";

    public static string ConditionValue(string pointer, JsonNode? value) => pointer + "|" + (value?.ToJsonString(DraftDefinition.Readable) ?? "null");

    public async Task<IActionResult> OnGetAsync(string key, string at, CancellationToken ct)
    {
        if (await LoadAsync(key, at, ct) is { } denied)
        {
            return denied;
        }

        var schemaField = Loaded.Draft.ToTemplate();
        Input = new FieldInput
        {
            Label = Field.Label, LabelEn = Field.LabelEn, Help = Field.Help, Required = Loaded.Draft.IsRequired(At),
            ItemLabel = Field.ItemLabel,
            ShowIf = Field.ShowIf is { } c && (c.EqualTo ?? c.In?.FirstOrDefault()) is { } shown
                ? ConditionValue(c.Pointer, JsonNode.Parse(shown.GetRawText()))
                : "",
        };
        (Input.Choices, Input.Min, Input.Max) = Current(schemaField);
        DraftVersion = Loaded.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, string at, CancellationToken ct)
    {
        if (await LoadAsync(key, at, ct) is { } denied)
        {
            return denied;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (DraftVersion != Loaded.Version)
        {
            return Refused(ProcedureBuilder.Conflict);
        }

        string? pointer = null;
        JsonNode? value = null;
        if (!string.IsNullOrEmpty(Input.ShowIf))
        {
            var bar = Input.ShowIf.IndexOf('|', StringComparison.Ordinal);
            try
            {
                pointer = bar > 0 ? Input.ShowIf[..bar] : null;
                value = bar > 0 ? JsonNode.Parse(Input.ShowIf[(bar + 1)..]) : null;
            }
            catch (JsonException)
            {
                pointer = null;
            }

            if (pointer is null)
            {
                return Refused(new("表示条件には、同じ並びにある選択肢またはチェックボックスの項目と、その値を選んでください。"));
            }
        }

        var choices = (Input.Choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var settings = new FieldSettings(Input.Label!.Trim(), Trimmed(Input.LabelEn), Trimmed(Input.Help), Input.Required, choices,
            Input.Min, Input.Max, Trimmed(Input.ItemLabel), pointer, value);
        if (Loaded.Draft.UpdateField(At, settings) is { } problem)
        {
            return Refused(problem);
        }

        if (!await builder.SaveAsync(Loaded, Loaded.Draft, DraftVersion, BuilderAccess.StaffId(User), ct))
        {
            return Refused(ProcedureBuilder.Conflict);
        }

        TempData["notice"] = l["項目「{0}」を保存しました。", settings.Label].Value;
        return Redirect($"{EditUrl}#field-{At.ToString().Replace('.', '-')}");
    }

    private PageResult Refused(DefinitionProblem problem)
    {
        ModelState.AddModelError("", l[problem.Message, problem.Arguments]);
        return Page();
    }

    private (string? Choices, int? Min, int? Max) Current(ProcedureTemplate template)
    {
        var scope = template.Schema;
        if (At.Group is { } group && Find(template, group) is { Pointer: { } groupPointer }
            && DefinitionCheck.SchemaAt(scope, groupPointer) is { } array && array.TryGetProperty("items", out var items))
        {
            scope = items;
        }

        if (Field.Pointer is null || DefinitionCheck.SchemaAt(scope, Field.Pointer) is not { } schema)
        {
            return (null, null, null);
        }

        var options = Field.Widget == FieldWidget.MultiChoice && schema.TryGetProperty("items", out var inner) ? inner : schema;
        var choices = options.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? string.Join("\n", values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()))
            : null;
        var (minKey, maxKey) = Field.Widget switch
        {
            FieldWidget.Repeat => ("minItems", "maxItems"),
            FieldWidget.Integer or FieldWidget.Number => ("minimum", "maximum"),
            _ => ("minLength", "maxLength"),
        };
        return (choices, Int(schema, minKey), Int(schema, maxKey));
    }

    private static int? Int(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    private static FormField? Find(ProcedureTemplate template, FieldAddress at)
    {
        var pages = template.Layout.Pages;
        if (at.Page < 0 || at.Page >= pages.Count || at.Section < 0 || at.Section >= pages[at.Page].Sections.Count)
        {
            return null;
        }

        var fields = pages[at.Page].Sections[at.Section].Fields;
        if (at.Field < 0 || at.Field >= fields.Count)
        {
            return null;
        }

        var field = fields[at.Field];
        if (at.Child is not { } child)
        {
            return field;
        }

        return field.Fields is { } children && child >= 0 && child < children.Count ? children[child] : null;
    }

    private async Task<IActionResult?> LoadAsync(string key, string at, CancellationToken ct)
    {
        if (!BuilderAccess.MayBuild(User))
        {
            return Forbid();
        }

        if (await builder.LoadAsync(key, User, ct) is not { } loaded || FieldAddress.Parse(at) is not { } address
            || Find(loaded.Draft.ToTemplate(), address) is not { } field)
        {
            return NotFound();
        }

        (Loaded, At, Field) = (loaded, address, field);
        Conditions = loaded.Draft.ConditionCandidates(address);
        return null;
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
