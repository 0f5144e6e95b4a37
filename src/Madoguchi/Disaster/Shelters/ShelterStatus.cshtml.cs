using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.Shelters;

/// <summary>
/// The page shelter staff keep open on a phone: open / close, 空き / 混雑 / 満員 and a note. Any
/// staff of the municipality may run a shelter (staff of every department are sent to them). Each
/// change is audited and appended to the public history in the same transaction; the Version it
/// showed guards against two staff overwriting each other.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ShelterStatusModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        public int Version { get; set; }
        public bool Open { get; set; }
        public ShelterOccupancy Occupancy { get; set; } = ShelterOccupancy.Available;

        [MaxLength(500, ErrorMessage = "メモは500文字以内で入力してください。")]
        public string? Note { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Shelter Shelter { get; private set; } = null!;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var shelter = await db.Set<Shelter>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (shelter is null)
        {
            return NotFound();
        }

        Shelter = shelter;
        Notice = TempData["notice"] as string;
        Input = new InputModel { Version = shelter.Version, Open = shelter.Open, Occupancy = shelter.Occupancy, Note = shelter.Note };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var shelter = await db.Set<Shelter>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (shelter is null)
        {
            return NotFound();
        }

        Shelter = shelter;
        if (!Enum.IsDefined(Input.Occupancy))
        {
            ModelState.AddModelError("Input.Occupancy", l["混雑の状況を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var note = string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note.Trim();
        db.Entry(shelter).Property(s => s.Version).OriginalValue = Input.Version;
        shelter.Open = Input.Open;
        shelter.Occupancy = Input.Occupancy;
        shelter.Note = note;
        shelter.StatusUpdatedAt = DateTime.UtcNow;
        db.Add(new ShelterChange { ShelterId = shelter.Id, At = shelter.StatusUpdatedAt.Value, Open = shelter.Open, Occupancy = shelter.Occupancy, Note = note });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が先にこの避難所の状況を更新しました。画面を開き直して確認してください。"]);
            return Page();
        }

        TempData["notice"] = l["更新しました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/disaster/shelters/{id}");
    }
}
