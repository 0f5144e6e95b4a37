using Madoguchi.Counter.Assisted.Visits;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// The visitor's confirmation screen, meant for a second screen or a tablet turned to the visitor:
/// large text, plain Japanese (やさしい日本語), every procedure read back. The visitor's 「はい」 is
/// recorded with the time and the member of staff present, for exactly the versions shown.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ConfirmVisitModel(Visits.CounterVisits visits, IAssistedApplications applications, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Shown(int Index, Guid ApplicationId, AssistedReview Review);

    public Visits.CounterVisits.Loaded? Loaded { get; private set; }
    public IReadOnlyList<Shown> Forms { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var seen = new Dictionary<Guid, int>();
        foreach (var form in Forms)
        {
            if (int.TryParse(Request.Form[$"v-{form.ApplicationId}"], out var version))
            {
                seen[form.ApplicationId] = version;
            }
        }

        var outcome = await visits.ConfirmAsync(Loaded!, seen, CounterStaff.Id(User), ct);
        switch (outcome)
        {
            case Visits.CounterVisits.ConfirmOutcome.Confirmed or Visits.CounterVisits.ConfirmOutcome.AlreadyConfirmed:
                TempData["notice"] = l["来庁者が内容を確認しました。「申請を登録する」を押してください。"].Value;
                return Redirect($"/{tenant.Code}/staff/counter/visits/{id}");
            case Visits.CounterVisits.ConfirmOutcome.AlreadySubmitted:
                return Redirect($"/{tenant.Code}/staff/counter/visits/{id}");
            case Visits.CounterVisits.ConfirmOutcome.Stale:
                Problem = l["表示の後に内容が変わりました。新しい内容をもう一度見てください。"].Value;
                await LoadAsync(id, ct);
                return Page();
            default:
                Problem = l["まだ書いていないところがあります。職員に伝えてください。"].Value;
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Loaded = await visits.LoadAsync(id, User, ct);
        if (Loaded is null)
        {
            return false;
        }

        var forms = new List<Shown>();
        for (var i = 0; i < Loaded.Parts.Count; i++)
        {
            if (await applications.ReviewAsync(Loaded.Parts[i].Link.ApplicationId, ct) is { } review)
            {
                forms.Add(new Shown(i, Loaded.Parts[i].Link.ApplicationId, review));
            }
        }

        Forms = forms;
        return true;
    }
}
