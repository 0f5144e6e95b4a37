using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.SafetyChecks;

/// <summary>安否確認 campaigns of the municipality and the form that starts one (危機管理課).</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class CampaignsModel(MadoguchiDb db, DisasterAccess access, SafetyLaunch launch, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Title, DateTime CreatedAt, bool Closed, int Targets, int Answered);
    public sealed record AreaOption(Guid Id, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "件名を入力してください。")]
        [MaxLength(100, ErrorMessage = "件名は100文字以内で入力してください。")]
        public string Title { get; set; } = "";

        [MaxLength(1000, ErrorMessage = "メッセージは1000文字以内で入力してください。")]
        public string? Message { get; set; }

        public SafetyTargetSource Source { get; set; } = SafetyTargetSource.Subscribers;
        public List<Guid> AreaIds { get; set; } = [];
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public IFormFile? List { get; set; }

    public IReadOnlyList<Row> Campaigns { get; private set; } = [];
    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];
    public IReadOnlyList<string> ListProblems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await AllowedAsync(ct) ? await LoadAsync(ct) : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await AllowedAsync(ct))
        {
            return Forbid();
        }

        List<SafetyLaunch.Person> people = [];
        switch (Input.Source)
        {
            case SafetyTargetSource.Subscribers:
                var areaIds = Input.AreaIds.Distinct().ToList();
                if (areaIds.Count == 0)
                {
                    ModelState.AddModelError("Input.AreaIds", l["地区を一つ以上選んでください。"]);
                }
                else
                {
                    people = await launch.SubscribersOfAsync(areaIds, ct);
                }

                break;
            case SafetyTargetSource.List:
                if (List is null || List.Length == 0 || List.Length > 5 * 1024 * 1024)
                {
                    ModelState.AddModelError(nameof(List), l["名簿のCSVファイル（5MBまで）を選んでください。"]);
                    break;
                }

                using (var buffer = new MemoryStream())
                {
                    await List.CopyToAsync(buffer, ct);
                    var (parsed, problems) = await SafetyLaunch.ParseListAsync(buffer.ToArray(), ct);
                    if (problems.Count > 0)
                    {
                        // A list is all or nothing: a half-imported 名簿 would silently leave people out.
                        ListProblems = problems;
                        ModelState.AddModelError(nameof(List), l["名簿に取り込めない行があります。直してから、もう一度選んでください。"]);
                    }

                    people = parsed;
                }

                break;
            case SafetyTargetSource.Staff:
                people = await launch.StaffAsync(ct);
                break;
            default:
                ModelState.AddModelError("Input.Source", l["対象を選んでください。"]);
                break;
        }

        if (ModelState.IsValid && people.Count == 0)
        {
            ModelState.AddModelError("Input.Source", l["対象の人がいません。地区や名簿を見直してください。"]);
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(ct);
        }

        var campaign = await launch.StartAsync(Input.Title.Trim(), Input.Message?.Trim() ?? "", Input.Source, User.FindFirstValue(ClaimTypes.GivenName) ?? "", people, ct);
        return Redirect($"/{RouteData.Values["tenant"]}/staff/disaster/safety/{campaign.Id}");
    }

    private async Task<bool> AllowedAsync(CancellationToken ct) => DisasterAccess.IsStaff(User, await access.SettingsAsync(ct));

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Areas = await db.Set<DisasterArea>().Where(a => a.Active).OrderBy(a => a.SortOrder).Select(a => new AreaOption(a.Id, a.Name)).ToListAsync(ct);
        Campaigns = await db.Set<SafetyCampaign>().OrderByDescending(c => c.CreatedAt).Take(50)
            .Select(c => new Row(c.Id, c.Title, c.CreatedAt, c.ClosedAt != null,
                db.Set<SafetyTarget>().Count(t => t.CampaignId == c.Id),
                db.Set<SafetyTarget>().Count(t => t.CampaignId == c.Id && t.Answer != null)))
            .ToListAsync(ct);
        return Page();
    }
}
