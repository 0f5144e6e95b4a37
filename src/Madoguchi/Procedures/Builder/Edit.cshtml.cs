using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// The builder's main page: 基本情報, pages, sections and fields of the working draft, each action a
/// post-back (no JavaScript), plus publish, close/reopen, import and export. Every post carries the
/// draft version it was made from, so the second of two staff editing at once is told.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
// Generous beside the 512 KB definition limit, so that a file a little too big gets the Japanese
// message at the field; far beyond it the server refuses the request before reading it.
[RequestSizeLimit(4 * 1024 * 1024)]
public sealed class BuilderEditModel(MadoguchiDb db, ProcedureBuilder builder, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly string[] Categories = ["子育て", "介護", "防災", "住民異動", "健康", "その他"];
    public static readonly string[] LifeEventNames = ["妊娠・出産", "子育て", "介護", "引越し", "災害", "死亡"];

    public sealed class MetadataInput
    {
        [Required(ErrorMessage = "手続名を入力してください。")]
        [StringLength(200, ErrorMessage = "手続名は200文字以内にしてください。")]
        public string? Title { get; set; }

        [StringLength(200, ErrorMessage = "英語の手続名は200文字以内にしてください。")]
        public string? TitleEn { get; set; }

        [Required(ErrorMessage = "説明を入力してください。")]
        [StringLength(4000, ErrorMessage = "説明は4000文字以内にしてください。")]
        public string? Description { get; set; }

        [StringLength(4000, ErrorMessage = "英語の説明は4000文字以内にしてください。")]
        public string? DescriptionEn { get; set; }

        public Guid DepartmentId { get; set; }
        public string? Category { get; set; }
        public List<string> LifeEvents { get; set; } = [];

        [StringLength(1000, ErrorMessage = "検索語は1000文字以内にしてください。")]
        public string? Keywords { get; set; }

        public RequiredAssurance Assurance { get; set; }

        public SignatureRequirement Signature { get; set; }

        [Range(1, 3650, ErrorMessage = "標準処理期間は1から3650の日数で入力してください。")]
        public int? StandardProcessingDays { get; set; }
    }

    /// <summary>The 手数料 form: the fee table of docs/payments.md, one row per exemption plus empty rows to add.</summary>
    public sealed class FeeInput
    {
        [Range(0, 100_000_000, ErrorMessage = "手数料は0円以上、1億円以下で入力してください。")]
        public long AmountYen { get; set; }

        [StringLength(200, ErrorMessage = "領収書に印字する品目は200文字以内にしてください。")]
        public string? Item { get; set; }

        [StringLength(400, ErrorMessage = "手数料の説明は400文字以内にしてください。")]
        public string? Note { get; set; }

        /// <summary>Empty: one per application.</summary>
        public string? QuantityPointer { get; set; }

        public PaymentTiming Timing { get; set; }

        public int? PaymentDays { get; set; }

        public List<ExemptionInput> Exemptions { get; set; } = [];
    }

    public sealed class ExemptionInput
    {
        public string? Pointer { get; set; }

        [StringLength(200, ErrorMessage = "免除の条件の値は200文字以内にしてください。")]
        public string? Value { get; set; }

        [StringLength(200, ErrorMessage = "免除の理由は200文字以内にしてください。")]
        public string? Reason { get; set; }

        /// <summary>The row's 削除 box.</summary>
        public bool Remove { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Pointer) && string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Reason);
    }

    /// <summary>Empty exemption rows offered below the saved ones (no JavaScript: saving offers new empty rows).</summary>
    public const int EmptyExemptionRows = 2;

    public sealed record DepartmentOption(Guid Id, string Name);

    // Bound by their own handlers only (TryUpdateModelAsync): bound on every post, the 基本情報 form's
    // required fields were reported missing when another form of the page was refused.
    public MetadataInput Meta { get; set; } = new();

    public FeeInput Fee { get; set; } = new();

    /// <summary>The fields of the draft the fee can refer to (quantity: the integer ones).</summary>
    public IReadOnlyList<FeeTable.FeeField> FeeFields { get; private set; } = [];

    [BindProperty(Name = "draftVersion")]
    public int DraftVersion { get; set; }

    public ProcedureBuilder.Loaded Loaded { get; private set; } = null!;
    public ProcedureTemplate Definition { get; private set; } = null!;
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public IReadOnlyList<int> PublishedNumbers { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is { } denied)
        {
            return denied;
        }

        Notice = TempData["notice"] as string;
        FillMetadata();
        FillFee();
        return Page();
    }

    /// <summary>The draft (no version) or a published version as a definition file in the template format.</summary>
    public async Task<IActionResult> OnGetExportAsync(string key, int? version, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is { } denied)
        {
            return denied;
        }

        string json;
        if (version is { } number)
        {
            if (!PublishedNumbers.Contains(number))
            {
                return NotFound();
            }

            json = JsonSerializer.Serialize(await ProcedureDefinitions.LoadAsync(db, Loaded.Procedure.Id, number, ct), ExportOptions);
        }
        else
        {
            json = JsonSerializer.Serialize(Definition, ExportOptions);
        }

        var name = version is { } n ? $"{key}-v{n}.json" : $"{key}-draft.json";
        return File(Encoding.UTF8.GetBytes(json), "application/json", name);
    }

    public async Task<IActionResult> OnPostMetadataAsync(string key, CancellationToken ct)
    {
        await TryUpdateModelAsync(Meta, "Meta");
        return await EditMetadataAsync(key, ct);
    }

    private Task<IActionResult> EditMetadataAsync(string key, CancellationToken ct) => EditAsync(key, draft =>
    {
        if (!ModelState.IsValid)
        {
            return Invalid;
        }

        if (Departments.FirstOrDefault(d => d.Id == Meta.DepartmentId) is not { } department)
        {
            ModelState.AddModelError("Meta.DepartmentId", l["選んだ課が見つかりません。"]);
            return Invalid;
        }

        var keywords = (Meta.Keywords ?? "").Split([',', '、', '，', '\n', ' ', '　'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        draft.SetMetadata(new DraftMetadata(
            Meta.Title!.Trim(), Meta.TitleEn?.Trim(), Meta.Description!.Trim(), Meta.DescriptionEn?.Trim(), department.Name,
            Categories.Contains(Meta.Category) ? Meta.Category! : "その他", Meta.LifeEvents.Where(LifeEventNames.Contains).Distinct().ToList(), keywords,
            Enum.IsDefined(Meta.Assurance) ? Meta.Assurance : RequiredAssurance.Account, Meta.StandardProcessingDays,
            Enum.IsDefined(Meta.Signature) ? Meta.Signature : SignatureRequirement.NotAsked));
        return null;
    }, l["基本情報を保存しました。"], "metadata", ct, posted: "metadata");

    /// <summary>Saves the fee table; each problem is shown at its field of the 手数料 form.</summary>
    public async Task<IActionResult> OnPostFeeAsync(string key, CancellationToken ct)
    {
        await TryUpdateModelAsync(Fee, "Fee");
        return await EditFeeAsync(key, ct);
    }

    private Task<IActionResult> EditFeeAsync(string key, CancellationToken ct) => EditAsync(key, draft =>
    {
        if (!ModelState.IsValid)
        {
            return Invalid;
        }

        var rows = Fee.Exemptions.Select((row, index) => (Row: row, Index: index)).Where(r => !r.Row.Remove && !r.Row.IsEmpty).ToList();
        var fee = new TemplateFee(Fee.AmountYen, Blank(Fee.Note))
        {
            Item = Blank(Fee.Item),
            QuantityPointer = Blank(Fee.QuantityPointer),
            Timing = Enum.IsDefined(Fee.Timing) ? Fee.Timing : PaymentTiming.BeforeSubmission,
            // Days matter only after approval; before submission the fee is paid before the application arrives.
            PaymentDays = Fee.Timing == PaymentTiming.AfterApproval ? Fee.PaymentDays : null,
            Exemptions = rows.Select(r => new FeeExemption(r.Row.Pointer?.Trim() ?? "", r.Row.Value?.Trim() ?? "", r.Row.Reason?.Trim() ?? "")).ToList(),
        };
        var problems = FeeTable.Check(draft.ToTemplate(), fee);
        foreach (var problem in problems)
        {
            // Messages name the row as posted (empty and removed rows are skipped in the saved table).
            var field = problem.Field.StartsWith("Exemptions[", StringComparison.Ordinal)
                ? $"Exemptions[{rows[int.Parse(problem.Field["Exemptions[".Length..problem.Field.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)].Index}]{problem.Field[(problem.Field.IndexOf(']', StringComparison.Ordinal) + 1)..]}"
                : problem.Field;
            ModelState.AddModelError("Fee." + field, l[problem.Problem.Message, problem.Problem.Arguments]);
        }

        if (problems.Count > 0)
        {
            return Invalid;
        }

        draft.SetFee(fee);
        return null;
    }, l["手数料を保存しました。"], "fee", ct, posted: "fee");

    public Task<IActionResult> OnPostAddPageAsync(string key, string? title, string? titleEn, CancellationToken ct) => EditAsync(key, draft =>
    {
        if (Required(title, "new-page-title", "ページの見出しを入力してください。") is { } missing)
        {
            return missing;
        }

        draft.AddPage(title!.Trim(), Blank(titleEn));
        return null;
    }, l["ページ「{0}」を追加しました。", title ?? ""], "pages", ct);

    public Task<IActionResult> OnPostPageAsync(string key, int page, string? op, string? title, string? titleEn, CancellationToken ct) => EditAsync(key, draft => op switch
    {
        "up" => draft.MovePage(page, -1),
        "down" => draft.MovePage(page, +1),
        "remove" => draft.RemovePage(page),
        _ => Required(title, $"page-{page}-title", "ページの見出しを入力してください。") ?? draft.RenamePage(page, title!.Trim(), Blank(titleEn)),
    }, l["ページを変更しました。"], "pages", ct);

    public Task<IActionResult> OnPostAddSectionAsync(string key, int page, string? title, CancellationToken ct) => EditAsync(key, draft =>
        Required(title, $"page-{page}-new-section", "まとまりの見出しを入力してください。") ?? draft.AddSection(page, title!.Trim(), null, null),
        l["まとまり「{0}」を追加しました。", title ?? ""], $"page-{page}", ct);

    public Task<IActionResult> OnPostSectionAsync(string key, int page, int section, string? op, string? title, string? help, CancellationToken ct) => EditAsync(key, draft => op switch
    {
        "up" => draft.MoveSection(page, section, -1),
        "down" => draft.MoveSection(page, section, +1),
        "remove" => draft.RemoveSection(page, section),
        _ => Required(title, $"section-{page}-{section}-title", "まとまりの見出しを入力してください。") ?? draft.EditSection(page, section, title!.Trim(), null, Blank(help)),
    }, l["まとまりを変更しました。"], $"page-{page}", ct);

    public Task<IActionResult> OnPostFieldAsync(string key, string? at, string? op, CancellationToken ct) => EditAsync(key, draft =>
    {
        if (FieldAddress.Parse(at) is not { } address)
        {
            return new DefinitionProblem("その項目は見つかりません。画面を読み込み直してください。");
        }

        return op switch
        {
            "up" => draft.MoveField(address, -1),
            "down" => draft.MoveField(address, +1),
            "remove" => draft.RemoveField(address),
            _ => new DefinitionProblem("その項目は見つかりません。画面を読み込み直してください。"),
        };
    }, l["項目を変更しました。"], $"page-{FieldAddress.Parse(at)?.Page ?? 0}", ct);

    public Task<IActionResult> OnPostAddFieldAsync(string key, int page, int section, string? group, FieldWidget widget, string? fieldKey, string? label, string? choices, CancellationToken ct)
    {
        var form = group is null ? $"add-{page}-{section}" : $"add-{group.Replace('.', '-')}";
        return EditAsync(key, draft =>
        {
            if (!Enum.IsDefined(widget))
            {
                return new DefinitionProblem("項目の種類を選んでください。");
            }

            if (Required(label, form + "-label", "項目のラベルを入力してください。") is { } missing)
            {
                return missing;
            }

            var groupAddress = group is null ? null : FieldAddress.Parse(group);
            if (group is not null && groupAddress is null)
            {
                return new DefinitionProblem("その項目は見つかりません。画面を読み込み直してください。");
            }

            return draft.AddField(page, section, groupAddress, widget, fieldKey, label!.Trim(), Lines(choices));
        }, l["項目「{0}」を追加しました。", label ?? ""], $"page-{page}", ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(string key, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is { } denied)
        {
            return denied;
        }

        var result = DraftVersion != Loaded.Version
            ? new ProcedureBuilder.PublishResult(null, true, [])
            : await builder.PublishAsync(Loaded, DraftVersion, User, BuilderAccess.StaffId(User), ct);
        if (result.Number is { } number)
        {
            TempData["notice"] = l["第{0}版として公開しました。これからの申請はこの版で受け付けます。", number].Value;
            return Redirect(EditUrl());
        }

        return await ShowProblemsAsync(key, result.Conflict ? [ProcedureBuilder.Conflict] : result.Problems, ct);
    }

    public async Task<IActionResult> OnPostStatusAsync(string key, ProcedureStatus status, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is { } denied)
        {
            return denied;
        }

        if (status is not (ProcedureStatus.Published or ProcedureStatus.Closed) || !await builder.SetStatusAsync(Loaded.Procedure, status, ct))
        {
            return await ShowProblemsAsync(key, [new("まだ公開された版がないため、受付を再開できません。先に公開してください。")], ct);
        }

        TempData["notice"] = (status == ProcedureStatus.Closed ? l["受付を停止しました。住民には表示されません。"] : l["受付を再開しました。"]).Value;
        return Redirect(EditUrl());
    }

    public async Task<IActionResult> OnPostImportAsync(string key, IFormFile? definition, CancellationToken ct)
    {
        if (await LoadAsync(key, ct) is { } denied)
        {
            return denied;
        }

        if (definition is null || definition.Length == 0)
        {
            return await ShowProblemsAsync(key, [new("読み込む JSON ファイルを選んでください。")], ct, "definition");
        }

        if (definition.Length > DefinitionCheck.MaxBytes)
        {
            return await ShowProblemsAsync(key, [new("ファイルが大きすぎます（上限 {0} KB）。", DefinitionCheck.MaxBytes / 1024)], ct, "definition");
        }

        string json;
        using (var reader = new StreamReader(definition.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                json = await reader.ReadToEndAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                return await ShowProblemsAsync(key, [new("ファイルが UTF-8 の JSON ではありません。")], ct, "definition");
            }
        }

        var problems = DraftVersion != Loaded.Version
            ? [ProcedureBuilder.Conflict]
            : await builder.ImportAsync(Loaded, json, DraftVersion, BuilderAccess.StaffId(User), ct);
        if (problems.Count > 0)
        {
            return await ShowProblemsAsync(key, problems, ct, "definition");
        }

        TempData["notice"] = l["ファイルを読み込み、下書きを置き換えました。"].Value;
        return Redirect(EditUrl());
    }

    public string EditUrl(string? anchor = null) => $"/{tenant.Code}/staff/builder/{Loaded.Procedure.Key}" + (anchor is null ? "" : "#" + anchor);

    public bool IsRequired(FieldAddress at) => Loaded.Draft.IsRequired(at);

    private static readonly JsonSerializerOptions ExportOptions = new(TemplateLibrary.JsonOptions)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A marker: the problem is already in ModelState at its field.</summary>
    private static readonly DefinitionProblem Invalid = new("");

    private DefinitionProblem? Required(string? value, string field, string message)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        ModelState.AddModelError(field, l[message]);
        return Invalid;
    }

    /// <summary>Applies one change to the draft and saves it, or shows the page with why not.</summary>
    private async Task<IActionResult> EditAsync(string key, Func<DraftDefinition, DefinitionProblem?> change, string notice, string anchor, CancellationToken ct, string? posted = null)
    {
        if (await LoadAsync(key, ct) is { } denied)
        {
            return denied;
        }

        if (DraftVersion != Loaded.Version)
        {
            return await ShowProblemsAsync(key, [ProcedureBuilder.Conflict], ct);
        }

        if (change(Loaded.Draft) is { } problem)
        {
            return await ShowProblemsAsync(key, ReferenceEquals(problem, Invalid) ? [] : [problem], ct, keepInput: posted ?? "");
        }

        if (!await builder.SaveAsync(Loaded, Loaded.Draft, DraftVersion, BuilderAccess.StaffId(User), ct))
        {
            return await ShowProblemsAsync(key, [ProcedureBuilder.Conflict], ct);
        }

        TempData["notice"] = notice;
        return Redirect(EditUrl(anchor));
    }

    /// <summary>The page again with the stored draft (nothing of the refused change) and the problems.</summary>
    /// <param name="keepInput">The form whose input is shown again as posted ("metadata", "fee"; "" another form); null: every form from the stored draft.</param>
    private async Task<IActionResult> ShowProblemsAsync(string key, IReadOnlyList<DefinitionProblem> problems, CancellationToken ct, string field = "", string? keepInput = null)
    {
        foreach (var p in problems)
        {
            ModelState.AddModelError(field, l[p.Message, p.Arguments]);
        }

        db.ChangeTracker.Clear();
        if (await LoadAsync(key, ct) is { } denied)
        {
            return denied;
        }

        if (keepInput != "metadata")
        {
            FillMetadata();
        }

        if (keepInput != "fee")
        {
            FillFee();
        }
        else
        {
            // The rows as posted, at the indexes their messages name, and empty rows to add if none is left.
            if (!Fee.Exemptions.Any(r => r.IsEmpty))
            {
                Fee.Exemptions.AddRange(Enumerable.Range(0, EmptyExemptionRows).Select(_ => new ExemptionInput()));
            }
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string key, CancellationToken ct)
    {
        if (!BuilderAccess.MayBuild(User))
        {
            return Forbid();
        }

        if (await builder.LoadAsync(key, User, ct) is not { } loaded)
        {
            return NotFound();
        }

        Loaded = loaded;
        Definition = loaded.Draft.ToTemplate();
        FeeFields = FeeTable.Fields(Definition);
        var departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        Departments = departments.Where(d => BuilderAccess.CanEdit(User, d.Id)).Select(d => new DepartmentOption(d.Id, d.Name)).ToList();
        PublishedNumbers = await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == loaded.Procedure.Id).OrderByDescending(v => v.Number)
            .Select(v => v.Number).ToListAsync(ct);
        return null;
    }

    private void FillMetadata()
    {
        var d = Definition;
        Meta = new MetadataInput
        {
            Title = d.Title, TitleEn = d.TitleEn, Description = d.Description, DescriptionEn = d.DescriptionEn,
            DepartmentId = Departments.FirstOrDefault(x => x.Name == d.Department)?.Id ?? Loaded.Procedure.DepartmentId,
            Category = d.Category, LifeEvents = d.LifeEvents.ToList(), Keywords = string.Join("、", d.Keywords), Assurance = d.Assurance, Signature = d.Signature,
            StandardProcessingDays = d.StandardProcessingDays,
        };
        DraftVersion = Loaded.Version;
        ModelState.Remove("draftVersion");
    }

    private void FillFee()
    {
        var f = Definition.Fee;
        Fee = new FeeInput
        {
            AmountYen = f.AmountYen, Item = f.Item, Note = f.Note, QuantityPointer = f.QuantityPointer, Timing = f.Timing, PaymentDays = f.PaymentDays,
            Exemptions = f.Exemptions.Select(e => new ExemptionInput { Pointer = e.Pointer, Value = e.Value, Reason = e.Reason })
                .Concat(Enumerable.Range(0, EmptyExemptionRows).Select(_ => new ExemptionInput())).ToList(),
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
