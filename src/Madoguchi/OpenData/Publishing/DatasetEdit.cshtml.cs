using Madoguchi.OpenData.Catalogue;
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
public sealed class DatasetEditModel(MadoguchiDb db, DatasetEditor editor, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(string Value, string Name);

    /// <summary>The form as posted; the rules are <see cref="DatasetEditor"/>'s, shared with the CKAN write API.</summary>
    public sealed class InputModel
    {
        public int Version { get; set; }
        public string Title { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string? Tags { get; set; }
        public Guid? DepartmentId { get; set; }
        public Licence Licence { get; set; } = Licence.CcBy40;
        public UpdateFrequency UpdateFrequency { get; set; } = UpdateFrequency.Irregular;
        public string? StandardCode { get; set; }
        public string? SpatialCoverage { get; set; }

        /// <summary>YYYY-MM-DD (the date input's value).</summary>
        public string? TemporalFrom { get; set; }

        public string? TemporalTo { get; set; }
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public string? ContactPhone { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid? DatasetId { get; private set; }

    /// <summary>A change of this public dataset waits for review; the form shows it, the public page does not yet.</summary>
    public bool HasPendingChanges { get; private set; }
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
            HasPendingChanges = d.PendingChangesJson is not null;
            var c = DatasetEditor.Current(d);
            Input = new InputModel
            {
                Version = d.Version, Title = c.Title ?? "", Name = c.Name ?? "", Description = c.Description, Tags = string.Join("、", c.Tags),
                DepartmentId = c.DepartmentId, Licence = c.Licence, UpdateFrequency = c.UpdateFrequency, StandardCode = c.StandardCode,
                SpatialCoverage = c.SpatialCoverage, TemporalFrom = c.TemporalFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), TemporalTo = c.TemporalTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ContactName = c.ContactName, ContactEmail = c.ContactEmail, ContactPhone = c.ContactPhone,
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

        var from = ParseDate(Input.TemporalFrom, "Input.TemporalFrom");
        var to = ParseDate(Input.TemporalTo, "Input.TemporalTo");
        var draft = new DatasetDraft
        {
            Title = Input.Title, Name = Input.Name, Description = Input.Description, Tags = DatasetDraft.TagList(Input.Tags), DepartmentId = Input.DepartmentId,
            Licence = Input.Licence, UpdateFrequency = Input.UpdateFrequency, StandardCode = Input.StandardCode, SpatialCoverage = Input.SpatialCoverage,
            TemporalFrom = from, TemporalTo = to, ContactName = Input.ContactName, ContactEmail = Input.ContactEmail, ContactPhone = Input.ContactPhone,
        };
        // A malformed date still shows with every other message of the form, and nothing is saved.
        var result = await editor.SaveAsync(dataset, draft, scope, dataset is null ? null : Input.Version, ct, validateOnly: !ModelState.IsValid);
        if (result.Errors.Count > 0 || result.Conflict)
        {
            foreach (var (field, messages) in result.Errors)
            {
                messages.ForEach(m => ModelState.AddModelError("Input." + field, m));
            }

            if (result.Conflict)
            {
                ModelState.AddModelError("", l["他の職員が先にこのデータセットを更新しました。画面を開き直して、もう一度操作してください。"]);
            }

            await LoadAsync(ct);
            return Page();
        }

        dataset = result.Dataset;
        if (dataset is null)
        {
            await LoadAsync(ct);
            return Page();
        }

        if (result.WaitsForReview)
        {
            TempData["notice"] = l["変更を保存しました。公開中の内容は、DX推進担当が審査して公開するまで変わりません。"].Value;
            return Redirect($"/{RouteData.Values["tenant"]}/staff/opendata/{dataset.Id}");
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

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = PublisherScope.Of(User);
        var all = scope.All;
        var mine = scope.Departments.ToList();
        Departments = await db.Departments.Where(d => all || mine.Contains(d.Id)).OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new Option(d.Id.ToString(), d.Name)).ToListAsync(ct);
    }

}
