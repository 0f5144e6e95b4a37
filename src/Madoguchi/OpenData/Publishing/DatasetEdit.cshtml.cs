using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.OpenData.Publishing;

/// <summary>Creates or edits a dataset's description; a publisher only for their own department.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed partial class DatasetEditModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(string Value, string Name);

    public sealed class InputModel
    {
        public int Version { get; set; }

        [Required(ErrorMessage = "タイトルを入力してください。")]
        [MaxLength(200, ErrorMessage = "タイトルは200文字以内で入力してください。")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "URL名を入力してください。")]
        [MaxLength(100, ErrorMessage = "URL名は100文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [MaxLength(20000, ErrorMessage = "説明は20000文字以内で入力してください。")]
        public string? Description { get; set; }

        [MaxLength(500, ErrorMessage = "タグは合わせて500文字以内で入力してください。")]
        public string? Tags { get; set; }

        [Required(ErrorMessage = "担当課を選んでください。")]
        public Guid? DepartmentId { get; set; }

        public Licence Licence { get; set; } = Licence.CcBy40;
        public UpdateFrequency UpdateFrequency { get; set; } = UpdateFrequency.Irregular;
        public string? StandardCode { get; set; }

        [MaxLength(200, ErrorMessage = "対象地域は200文字以内で入力してください。")]
        public string? SpatialCoverage { get; set; }

        /// <summary>YYYY-MM-DD (the date input's value).</summary>
        public string? TemporalFrom { get; set; }

        public string? TemporalTo { get; set; }

        [MaxLength(100, ErrorMessage = "問い合わせ先は100文字以内で入力してください。")]
        public string? ContactName { get; set; }

        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [MaxLength(254, ErrorMessage = "メールアドレスは254文字以内で入力してください。")]
        public string? ContactEmail { get; set; }

        [MaxLength(30, ErrorMessage = "電話番号は30文字以内で入力してください。")]
        public string? ContactPhone { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid? DatasetId { get; private set; }
    public IReadOnlyList<Option> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } datasetId)
        {
            var d = await db.Set<Dataset>().AsNoTracking().Include(x => x.Tags).SingleOrDefaultAsync(x => x.Id == datasetId, ct);
            if (d is null || !PublisherScope.Of(User).Covers(d.DepartmentId))
            {
                return NotFound();
            }

            DatasetId = d.Id;
            Input = new InputModel
            {
                Version = d.Version, Title = d.Title, Name = d.Name, Description = d.Description, Tags = string.Join("、", d.Tags.Select(t => t.Name)),
                DepartmentId = d.DepartmentId, Licence = d.Licence, UpdateFrequency = d.UpdateFrequency, StandardCode = d.StandardCode,
                SpatialCoverage = d.SpatialCoverage, TemporalFrom = d.TemporalFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), TemporalTo = d.TemporalTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ContactName = d.ContactName, ContactEmail = d.ContactEmail, ContactPhone = d.ContactPhone,
            };
        }

        await LoadAsync(ct);
        if (Departments.Count == 0)
        {
            return Forbid();
        }

        Input.DepartmentId ??= Guid.Parse(Departments[0].Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        var scope = PublisherScope.Of(User);
        Dataset? dataset = null;
        if (id is { } datasetId)
        {
            dataset = await db.Set<Dataset>().Include(x => x.Tags).SingleOrDefaultAsync(x => x.Id == datasetId, ct);
            if (dataset is null || !scope.Covers(dataset.DepartmentId))
            {
                return NotFound();
            }

            DatasetId = dataset.Id;
        }

        Input.Name = (Input.Name ?? "").Trim().ToLowerInvariant();
        if (Input.Name.Length > 0 && !UrlName().IsMatch(Input.Name))
        {
            ModelState.AddModelError("Input.Name", l["URL名は半角英小文字・数字・ハイフン・アンダースコアで入力してください（例: evacuation-sites）。"]);
        }
        else if (Input.Name.Length > 0 && await db.Set<Dataset>().AnyAsync(d => d.Name == Input.Name && d.Id != (dataset == null ? Guid.Empty : dataset.Id), ct))
        {
            ModelState.AddModelError("Input.Name", l["このURL名は既に使われています。別の名前にしてください。"]);
        }

        if (Input.DepartmentId is { } department && (!scope.Covers(department) || !await db.Departments.AnyAsync(d => d.Id == department, ct)))
        {
            ModelState.AddModelError("Input.DepartmentId", l["担当課を選んでください。"]);
        }

        if (Input.StandardCode is { Length: > 0 } code && StandardDatasets.Find(code) is null)
        {
            ModelState.AddModelError("Input.StandardCode", l["標準データセットを一覧から選んでください。"]);
        }

        var from = ParseDate(Input.TemporalFrom, "Input.TemporalFrom");
        var to = ParseDate(Input.TemporalTo, "Input.TemporalTo");
        if (from is not null && to is not null && to < from)
        {
            ModelState.AddModelError("Input.TemporalTo", l["対象期間の終わりは始まりより後の日付にしてください。"]);
        }

        var tags = TagList(Input.Tags);
        if (tags.Any(t => t.Length > 50))
        {
            ModelState.AddModelError("Input.Tags", l["タグは1つ50文字以内にしてください。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        if (dataset is null)
        {
            dataset = new Dataset { Name = Input.Name, Title = "" };
            db.Add(dataset);
        }
        else
        {
            db.Entry(dataset).Property(d => d.Version).OriginalValue = Input.Version;
        }

        dataset.Name = Input.Name;
        dataset.Title = Input.Title.Trim();
        dataset.Description = Input.Description?.Trim() ?? "";
        dataset.DepartmentId = Input.DepartmentId!.Value;
        dataset.Licence = Enum.IsDefined(Input.Licence) ? Input.Licence : Licence.CcBy40;
        dataset.UpdateFrequency = Enum.IsDefined(Input.UpdateFrequency) ? Input.UpdateFrequency : UpdateFrequency.Irregular;
        dataset.StandardCode = Input.StandardCode is { Length: > 0 } s ? s : null;
        dataset.SpatialCoverage = Input.SpatialCoverage?.Trim() ?? "";
        dataset.TemporalFrom = from;
        dataset.TemporalTo = to;
        dataset.ContactName = Input.ContactName?.Trim() ?? "";
        dataset.ContactEmail = Input.ContactEmail?.Trim() ?? "";
        dataset.ContactPhone = Input.ContactPhone?.Trim() ?? "";
        dataset.UpdatedAt = DateTime.UtcNow;
        dataset.Tags.RemoveAll(t => !tags.Contains(t.Name));
        foreach (var tag in tags.Where(t => dataset.Tags.All(x => x.Name != t)))
        {
            dataset.Tags.Add(new DatasetTag { TenantId = dataset.TenantId, DatasetId = dataset.Id, Name = tag });
        }

        var departmentName = await db.Departments.Where(d => d.Id == dataset.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        dataset.SearchText = SearchText.Of(dataset, departmentName, StandardDatasets.Find(dataset.StandardCode)?.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が先にこのデータセットを更新しました。画面を開き直して、もう一度操作してください。"]);
            await LoadAsync(ct);
            return Page();
        }
        catch (DbUpdateException)
        {
            // Two publishers took the same URL name at the same moment: the unique index decided.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Name", l["このURL名は既に使われています。別の名前にしてください。"]);
            await LoadAsync(ct);
            return Page();
        }

        TempData["notice"] = l["保存しました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/opendata/{dataset.Id}");
    }

    private DateOnly? ParseDate(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(key, l["日付は YYYY-MM-DD の形（例: 2026-04-01）で入力してください。"]);
        return null;
    }

    public static List<string> TagList(string? tags) =>
        (tags ?? "").Split([',', '、', '，', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Length > 0).Distinct().Take(20).ToList();

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = PublisherScope.Of(User);
        var all = scope.All;
        var mine = scope.Departments.ToList();
        Departments = await db.Departments.Where(d => all || mine.Contains(d.Id)).OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new Option(d.Id.ToString(), d.Name)).ToListAsync(ct);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex UrlName();
}
