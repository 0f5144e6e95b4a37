using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Staff;

/// <summary>
/// A service's settings: department, slot length, capacity, how far ahead, hours per weekday.
/// Bookings already made keep their times when the slots change; a lower capacity stops new
/// bookings of a slot that already has more.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed partial class ServiceSettingsModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    // Path words of the counter's own pages; a service named so could never be reached.
    private static readonly HashSet<string> Reserved = ["kiosk", "board", "confirm", "reservations", "tickets", "mail-sent", "services", "board.json"];

    public sealed class HoursInput
    {
        public bool Open { get; set; }
        public string? Opens { get; set; }
        public string? Closes { get; set; }
    }

    public sealed class SettingsInput
    {
        public Guid DepartmentId { get; set; }

        [Required(ErrorMessage = "窓口の名前を入力してください。")]
        [StringLength(80, ErrorMessage = "窓口の名前は80文字以内で入力してください。")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "URL に使う名前を入力してください。")]
        [RegularExpression("^[a-z0-9][a-z0-9-]{0,39}$", ErrorMessage = "半角英小文字・数字・ハイフンで40文字以内にしてください。")]
        public string? Code { get; set; }

        [StringLength(1000, ErrorMessage = "説明は1000文字以内で入力してください。")]
        public string? Description { get; set; }

        [Range(5, 240, ErrorMessage = "1枠の長さは5分から240分の間にしてください。")]
        public int SlotMinutes { get; set; } = 30;

        [Range(1, 100, ErrorMessage = "1枠の定員は1から100の間にしてください。")]
        public int Capacity { get; set; } = 2;

        [Range(1, 365, ErrorMessage = "予約を受ける期間は1日から365日の間にしてください。")]
        public int BookingDaysAhead { get; set; } = 60;

        public bool Reservable { get; set; } = true;
        public bool Active { get; set; } = true;
        public List<HoursInput> Hours { get; set; } = [];
        public int Version { get; set; }
    }

    public sealed record DepartmentOption(Guid Id, string Name);

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public bool IsNew { get; private set; }
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];

    public static string WeekdayName(DayOfWeek d) => d switch
    {
        DayOfWeek.Sunday => "日曜日", DayOfWeek.Monday => "月曜日", DayOfWeek.Tuesday => "火曜日", DayOfWeek.Wednesday => "水曜日",
        DayOfWeek.Thursday => "木曜日", DayOfWeek.Friday => "金曜日", _ => "土曜日",
    };

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        await LoadDepartmentsAsync(ct);
        if (id == "new")
        {
            IsNew = true;
            Input.DepartmentId = Departments.FirstOrDefault()?.Id ?? Guid.Empty;
            // Weekdays 8:30–17:15, the usual opening hours of a 市役所.
            Input.Hours = Enumerable.Range(0, 7).Select(i => new HoursInput
            {
                Open = i is >= 1 and <= 5, Opens = "08:30", Closes = "17:15",
            }).ToList();
            return Departments.Count == 0 ? Forbid() : Page();
        }

        var service = await FindAsync(id, ct);
        if (service is null)
        {
            return NotFound();
        }

        var hours = await db.Set<CounterHours>().Where(h => h.ServiceId == service.Id).ToListAsync(ct);
        Input = new SettingsInput
        {
            DepartmentId = service.DepartmentId, Name = service.Name, Code = service.Code, Description = service.Description,
            SlotMinutes = service.SlotMinutes, Capacity = service.Capacity, BookingDaysAhead = service.BookingDaysAhead,
            Reservable = service.Reservable, Active = service.Active, Version = service.Version,
            Hours = Enumerable.Range(0, 7).Select(i => hours.FirstOrDefault(h => (int)h.Weekday == i) is { } h
                ? new HoursInput { Open = true, Opens = Clock(h.OpensAt), Closes = Clock(h.ClosesAt) }
                : new HoursInput { Open = false, Opens = "08:30", Closes = "17:15" }).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        await LoadDepartmentsAsync(ct);
        IsNew = id == "new";
        var service = IsNew ? null : await FindAsync(id, ct);
        if (!IsNew && service is null)
        {
            return NotFound();
        }

        if (!Departments.Any(d => d.Id == Input.DepartmentId))
        {
            ModelState.AddModelError("Input.DepartmentId", l["担当課を選んでください。"]);
        }

        if (Input.Code is { } code && Reserved.Contains(code))
        {
            ModelState.AddModelError("Input.Code", l["この名前は使えません。別の名前にしてください。"]);
        }

        while (Input.Hours.Count < 7)
        {
            Input.Hours.Add(new HoursInput());
        }

        var hours = new List<(DayOfWeek Day, int Opens, int Closes)>();
        for (var i = 0; i < 7; i++)
        {
            var h = Input.Hours[i];
            if (!h.Open)
            {
                continue;
            }

            var opens = Minutes(h.Opens);
            var closes = Minutes(h.Closes);
            if (opens is null)
            {
                ModelState.AddModelError($"Input.Hours[{i}].Opens", l["時刻は 08:30 のように入力してください。"]);
            }

            if (closes is null)
            {
                ModelState.AddModelError($"Input.Hours[{i}].Closes", l["時刻は 08:30 のように入力してください。"]);
            }
            else if (opens is not null && closes - opens < Input.SlotMinutes)
            {
                ModelState.AddModelError($"Input.Hours[{i}].Closes", l["終了は開始より1枠以上あとにしてください。"]);
            }

            if (opens is not null && closes is not null)
            {
                hours.Add(((DayOfWeek)i, opens.Value, closes.Value));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await db.Set<CounterService>().AnyAsync(s => s.Code == Input.Code && (service == null || s.Id != service.Id), ct))
        {
            ModelState.AddModelError("Input.Code", l["この名前はすでに使われています。"]);
            return Page();
        }

        if (service is null)
        {
            service = new CounterService { Code = Input.Code!, Name = Input.Name! };
            db.Add(service);
        }
        else if (service.Version != Input.Version)
        {
            ModelState.AddModelError("", l["ほかの職員が先に変更しました。画面を開き直してから変更してください。"]);
            return Page();
        }

        service.DepartmentId = Input.DepartmentId;
        service.Code = Input.Code!;
        service.Name = Input.Name!.Trim();
        service.Description = Input.Description?.Trim() ?? "";
        service.SlotMinutes = Input.SlotMinutes;
        service.Capacity = Input.Capacity;
        service.BookingDaysAhead = Input.BookingDaysAhead;
        service.Reservable = Input.Reservable;
        service.Active = Input.Active;

        var existing = await db.Set<CounterHours>().Where(h => h.ServiceId == service.Id).ToListAsync(ct);
        foreach (var old in existing.Where(e => !hours.Any(h => h.Day == e.Weekday)))
        {
            db.Remove(old);
        }

        foreach (var (day, opens, closes) in hours)
        {
            var row = existing.FirstOrDefault(e => e.Weekday == day);
            if (row is null)
            {
                db.Add(new CounterHours { ServiceId = service.Id, Weekday = day, OpensAt = opens, ClosesAt = closes });
            }
            else
            {
                (row.OpensAt, row.ClosesAt) = (opens, closes);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another member of staff saved first (Version) or took the same code a moment earlier.
            ModelState.AddModelError("", l["ほかの職員が先に変更しました。画面を開き直してから変更してください。"]);
            return Page();
        }

        TempData["notice"] = l["保存しました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/counter/services/{service.Id}");
    }

    private async Task<CounterService?> FindAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }

        var service = await db.Set<CounterService>().SingleOrDefaultAsync(s => s.Id == guid, ct);
        return service is not null && CounterScope.Of(User).Covers(service.DepartmentId) ? service : null;
    }

    private async Task LoadDepartmentsAsync(CancellationToken ct)
    {
        var scope = CounterScope.Of(User);
        var all = scope.All;
        var mine = scope.Departments.ToList();
        Departments = await db.Departments.Where(d => all || mine.Contains(d.Id)).OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
    }

    private static string Clock(int minutes) => $"{minutes / 60:D2}:{minutes % 60:D2}";

    private static int? Minutes(string? text) =>
        text is not null && ClockPattern().IsMatch(text.Trim()) && TimeOnly.TryParseExact(text.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.Hour * 60 + t.Minute
            : null;

    [GeneratedRegex(@"^\d{1,2}:\d{2}$")]
    private static partial Regex ClockPattern();
}
