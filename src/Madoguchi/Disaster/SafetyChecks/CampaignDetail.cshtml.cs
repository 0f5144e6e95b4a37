using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.SafetyChecks;

/// <summary>
/// A campaign as staff follow it: counts per answer, the answers, and the people who have not
/// answered, each with the calls made so far and a form to record the next call.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class CampaignDetailModel(MadoguchiDb db, DisasterAccess access, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Person(Guid Id, string Name, string? Email, string? Phone, string? Area, SafetyAnswer? Answer, string? Shelter, string? Message, DateTime? AnsweredAt);
    public sealed record Call(Guid TargetId, DateTime At, CallResult Result, string? Note, string ByName);

    public SafetyCampaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<Call> Calls { get; private set; } = [];
    public string? Notice { get; private set; }

    [BindProperty] public Guid TargetId { get; set; }
    [BindProperty] public CallResult? Result { get; set; }

    [BindProperty]
    [MaxLength(500, ErrorMessage = "メモは500文字以内で入力してください。")]
    public string? Note { get; set; }

    [BindProperty] public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostCallAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        if (People.All(p => p.Id != TargetId))
        {
            return NotFound();
        }

        if (Result is not { } result || !Enum.IsDefined(result))
        {
            ModelState.AddModelError($"Result-{TargetId}", l["電話の結果を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Add(new FollowUpCall { TargetId = TargetId, Result = Result!.Value, Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(), ByName = User.FindFirstValue(ClaimTypes.GivenName) ?? "" });
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["電話の結果を記録しました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/disaster/safety/{id}#t-{TargetId}");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        if (Campaign.ClosedAt is null)
        {
            db.Entry(Campaign).Property(c => c.Version).OriginalValue = Version;
            Campaign.ClosedAt = DateTime.UtcNow;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }

        TempData["notice"] = l["安否確認を終了しました。これ以降の回答は受け付けません。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/disaster/safety/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!DisasterAccess.IsStaff(User, await access.SettingsAsync(ct)))
        {
            return Forbid();
        }

        var campaign = await db.Set<SafetyCampaign>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return NotFound();
        }

        Campaign = campaign;
        People = await db.Set<SafetyTarget>().Where(t => t.CampaignId == id).OrderBy(t => t.Area).ThenBy(t => t.Name)
            .Select(t => new Person(t.Id, t.Name, t.Email, t.Phone, t.Area, t.Answer, t.ShelterName, t.AnswerMessage, t.AnsweredAt)).ToListAsync(ct);
        var ids = People.Select(p => p.Id).ToList();
        Calls = await db.Set<FollowUpCall>().Where(c => ids.Contains(c.TargetId)).OrderBy(c => c.At)
            .Select(c => new Call(c.TargetId, c.At, c.Result, c.Note, c.ByName)).ToListAsync(ct);
        return null;
    }
}
