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

namespace Madoguchi.Disaster.Notices;

/// <summary>
/// Writing a notice: level, target areas, text in 日本語 (required), やさしい日本語 and English
/// (optional; subscribers of a missing language get the Japanese text, told so). A notice whose
/// areas reach nobody is refused here. With approval required it then waits for a second person;
/// without, its author sends it from the next page.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ComposeModel(MadoguchiDb db, DisasterAccess access, NoticeFanOut fanOut, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record AreaOption(Guid Id, string Name, int Subscribers);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "区分を選んでください。")]
        public NoticeLevel? Level { get; set; }

        [Required(ErrorMessage = "件名を入力してください。")]
        [MaxLength(100, ErrorMessage = "件名は100文字以内で入力してください。")]
        public string Title { get; set; } = "";

        public List<Guid> AreaIds { get; set; } = [];

        [Required(ErrorMessage = "日本語の本文を入力してください。")]
        [MaxLength(2000, ErrorMessage = "本文は2000文字以内で入力してください。")]
        public string BodyJapanese { get; set; } = "";

        [MaxLength(2000, ErrorMessage = "本文は2000文字以内で入力してください。")]
        public string? BodyEasyJapanese { get; set; }

        [MaxLength(4000, ErrorMessage = "英語の本文は4000文字以内で入力してください。")]
        public string? BodyEnglish { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<AreaOption> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!DisasterAccess.IsStaff(User, await access.SettingsAsync(ct)))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!DisasterAccess.IsStaff(User, await access.SettingsAsync(ct)))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        var areaIds = Input.AreaIds.Distinct().Where(id => Areas.Any(a => a.Id == id)).ToList();
        if (areaIds.Count == 0)
        {
            ModelState.AddModelError("Input.AreaIds", l["対象地区を一つ以上選んでください。"]);
        }
        else if (await fanOut.ReachAsync(areaIds, ct) == 0)
        {
            ModelState.AddModelError("Input.AreaIds", l["選んだ地区には配信先の登録者がいません。このままでは誰にも届かないため、作成できません。"]);
        }

        if (Input.Level is { } level && !Enum.IsDefined(level))
        {
            ModelState.AddModelError("Input.Level", l["区分を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var notice = new Notice
        {
            Level = Input.Level!.Value,
            Title = Input.Title.Trim(),
            BodyJapanese = Input.BodyJapanese.Trim(),
            BodyEasyJapanese = Blank(Input.BodyEasyJapanese),
            BodyEnglish = Blank(Input.BodyEnglish),
            ComposedBy = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!),
            ComposedByName = User.FindFirstValue(ClaimTypes.GivenName) ?? "",
        };
        db.Add(notice);
        foreach (var id in areaIds)
        {
            db.Add(new NoticeArea { NoticeId = notice.Id, AreaId = id });
        }

        await db.SaveChangesAsync(ct);
        return Redirect($"/{RouteData.Values["tenant"]}/staff/disaster/notices/{notice.Id}");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task LoadAsync(CancellationToken ct)
    {
        Areas = await db.Set<DisasterArea>().Where(a => a.Active).OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new AreaOption(a.Id, a.Name,
                db.Set<SubscriberArea>().Count(sa => sa.AreaId == a.Id
                    && db.Set<Subscriber>().Any(s => s.Id == sa.SubscriberId && s.ConfirmedAt != null && s.UnsubscribedAt == null))))
            .ToListAsync(ct);
    }
}
