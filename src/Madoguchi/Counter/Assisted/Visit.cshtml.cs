using Madoguchi.Counter.Assisted.Visits;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// One visit for the staff: the procedures and how far each is, the visitor's confirmation, and the
/// button that submits everything once the visitor has confirmed.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class VisitModel(Visits.CounterVisits visits, IAssistedApplications applications, MadoguchiDb db, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Index, string Title, bool Complete, string? ReceiptNumber);

    public Visits.CounterVisits.Loaded? Loaded { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? ConfirmedByName { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Notice = TempData["notice"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var outcome = await visits.SubmitAsync(Loaded!, CounterStaff.Id(User), ct);
        TempData["notice"] = outcome switch
        {
            Visits.CounterVisits.SubmitOutcome.Submitted => l["申請を登録しました。各課の申請の一覧に「窓口」として届いています。"].Value,
            Visits.CounterVisits.SubmitOutcome.ChangedSinceConfirmed => l["来庁者の確認の後に内容が変わりました。もう一度確認してもらってください。"].Value,
            Visits.CounterVisits.SubmitOutcome.NotConfirmed => l["来庁者の確認がまだです。確認画面で内容を確かめてもらってください。"].Value,
            _ => l["受付を終了した手続があるため、登録できませんでした。"].Value,
        };
        return Redirect($"/{tenant.Code}/staff/counter/visits/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Loaded = await visits.LoadAsync(id, User, ct);
        if (Loaded is null)
        {
            return false;
        }

        var rows = new List<Row>();
        for (var i = 0; i < Loaded.Parts.Count; i++)
        {
            var part = Loaded.Parts[i];
            var review = await applications.ReviewAsync(part.Link.ApplicationId, ct);
            rows.Add(new Row(i, part.Draft.Title, review is { Problems.Count: 0 }, part.Draft.ReceiptNumber));
        }

        Rows = rows;
        if (Loaded.Visit.ConfirmedBy is { } staff)
        {
            ConfirmedByName = await db.Users.Where(u => u.Id == staff).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        }

        return true;
    }
}
