using System.Globalization;
using System.Security.Claims;
using Madoguchi.OpenData.Publishing;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.OpenData.Tokens;

/// <summary>
/// A publisher's own API tokens for the CKAN write API: create one for a department (shown once,
/// stored as a hash), see when each was last used, revoke it.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ApiTokensPageModel(MadoguchiDb db, ApiTokens tokens, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The value of the department choice that means every department (admins only).</summary>
    public const string AllDepartments = "all";

    public sealed record Option(string Value, string Name);

    public sealed record Row(Guid Id, string Label, string Prefix, string Department, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed class InputModel
    {
        public string? Label { get; set; }
        public string? Department { get; set; }

        /// <summary>YYYY-MM-DD; empty: no expiry.</summary>
        public string? ExpiresOn { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Option> Departments { get; private set; } = [];
    public IReadOnlyList<Row> Tokens { get; private set; } = [];

    /// <summary>The new token, on the answer to its creation only.</summary>
    public string? NewSecret { get; private set; }

    public string? Notice { get; private set; }
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var label = Input.Label?.Trim() ?? "";
        if (label.Length == 0)
        {
            ModelState.AddModelError("Input.Label", l["トークンの名前を入力してください。"]);
        }
        else if (label.Length > 100)
        {
            ModelState.AddModelError("Input.Label", l["トークンの名前は100文字以内で入力してください。"]);
        }

        if (Departments.All(d => d.Value != Input.Department))
        {
            ModelState.AddModelError("Input.Department", l["担当課を選んでください。"]);
        }

        DateTime? expiresAt = null;
        if (!string.IsNullOrWhiteSpace(Input.ExpiresOn))
        {
            if (!DateOnly.TryParseExact(Input.ExpiresOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                ModelState.AddModelError("Input.ExpiresOn", l["日付は YYYY-MM-DD の形（例: 2026-04-01）で入力してください。"]);
            }
            else
            {
                // Valid through the whole day, Japan time.
                expiresAt = DateTime.SpecifyKind(date.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-9), DateTimeKind.Utc);
                if (expiresAt <= Now)
                {
                    ModelState.AddModelError("Input.ExpiresOn", l["有効期限は今日以降の日付にしてください。"]);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var department = Input.Department == AllDepartments ? (Guid?)null : Guid.Parse(Input.Department!);
        var tenantId = Guid.Parse(User.FindFirstValue(StaffClaimTypes.Tenant)!);
        var (_, secret) = tokens.Create(tenantId, StaffUserId, department, label, expiresAt);
        await db.SaveChangesAsync(ct);
        // Shown in this answer only (no redirect): the secret is never stored or put in a cookie.
        NewSecret = secret;
        Input = new InputModel();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id && t.StaffUserId == StaffUserId, ct);
        if (token is null)
        {
            return NotFound();
        }

        token.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["トークンを取り消しました。"].Value;
        return RedirectToPage();
    }

    private Guid StaffUserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow().UtcDateTime;
        var scope = PublisherScope.Of(User);
        if (!scope.All && scope.Departments.Count == 0 || User.FindFirstValue(StaffClaimTypes.Tenant) is null)
        {
            return false;
        }

        var mine = scope.Departments.ToList();
        var all = scope.All;
        // Guid to text in .NET, not in SQL: SQLite would give upper case and the posted value would not match.
        var departments = (await db.Departments.Where(d => all || mine.Contains(d.Id)).OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => new Option(d.Id.ToString(), d.Name)).ToList();
        Departments = all ? [new Option(AllDepartments, l["すべての課"].Value), .. departments] : departments;
        var names = await db.Departments.ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var userId = StaffUserId;
        Tokens = (await db.Set<ApiToken>().AsNoTracking().Where(t => t.StaffUserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct))
            .Select(t => new Row(t.Id, t.Label, t.Prefix, t.DepartmentId is { } d ? names.GetValueOrDefault(d, "") : l["すべての課"].Value,
                t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)).ToList();
        return true;
    }
}
