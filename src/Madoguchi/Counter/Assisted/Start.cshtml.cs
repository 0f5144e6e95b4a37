using System.Globalization;
using Madoguchi.Counter.Assisted.Card;
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
/// The counter's start page: identify the visitor (card-reader JSON, the resident register, or typed
/// from another document), then choose the procedures of their life event and whom in the household
/// they concern. The identified facts travel to the second step in a protected ticket, not in the database.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class StartVisitModel(
    MadoguchiDb db, VisitorIdentifier identifier, VisitorTicket tickets, Visits.CounterVisits visits, IAssistedApplications applications,
    CardReads cardReads, TenantContext tenant, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record TodayVisit(Guid Id, string VisitorName, DateTime StartedAt, VisitStatus Status);
    public sealed record DepartmentOption(Guid Id, string Name);
    public sealed record LifeEventGroup(string Name, IReadOnlyList<AssistableProcedure> Procedures);

    [BindProperty] public string? CardData { get; set; }
    [BindProperty] public Guid? CardReadId { get; set; }
    [BindProperty] public string? RegisterName { get; set; }
    [BindProperty] public string? RegisterBirthDate { get; set; }
    [BindProperty] public string? RegisterAddress { get; set; }
    [BindProperty] public string? TypedName { get; set; }
    [BindProperty] public string? TypedKana { get; set; }
    [BindProperty] public string? TypedBirthDate { get; set; }
    [BindProperty] public string? TypedGender { get; set; }
    [BindProperty] public string? TypedPostalCode { get; set; }
    [BindProperty] public string? TypedAddress { get; set; }
    [BindProperty] public string? TypedPhone { get; set; }

    [BindProperty] public string? Ticket { get; set; }
    [BindProperty] public Guid VisitId { get; set; }
    [BindProperty] public Guid? DepartmentId { get; set; }
    [BindProperty] public List<int> Household { get; set; } = [];
    [BindProperty] public List<Guid> Procedures { get; set; } = [];

    public IdentifiedVisitor? Identified { get; private set; }
    public IReadOnlyList<TodayVisit> Today { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public IReadOnlyList<LifeEventGroup> Groups { get; private set; } = [];
    public IReadOnlyList<CardReads.Waiting> WaitingReads { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCardAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var (card, problems) = CardJson.Read(CardData, JapanToday());
        foreach (var problem in problems)
        {
            ModelState.AddModelError(nameof(CardData), l[problem]);
        }

        return card is null ? Page() : ShowIdentified(await identifier.FromCardAsync(card, ct));
    }

    /// <summary>A card read that a card-reader client posted for a counter of the staff's departments.</summary>
    public async Task<IActionResult> OnPostCardReadAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var json = CardReadId is { } id ? await cardReads.TakeAsync(id, Visits.CounterVisits.ScopeOf(User), CounterStaff.Id(User), ct) : null;
        if (json is null)
        {
            ModelState.AddModelError(nameof(CardReadId), l["この読取データは使えません（使用済みか、時間が過ぎました）。カードをもう一度読み取ってください。"]);
            WaitingReads = await cardReads.WaitingAsync(Visits.CounterVisits.ScopeOf(User), ct);
            return Page();
        }

        var (card, problems) = CardJson.Read(json, JapanToday());
        foreach (var problem in problems)
        {
            ModelState.AddModelError(nameof(CardReadId), l[problem]);
        }

        return card is null ? Page() : ShowIdentified(await identifier.FromCardAsync(card, ct));
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var name = RegisterName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError(nameof(RegisterName), l["氏名を入力してください。"]);
        }

        var birth = ParseDate(RegisterBirthDate, nameof(RegisterBirthDate));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (visitor, problem) = await identifier.FromRegisterAsync(name!, birth!.Value, RegisterAddress?.Trim(), ct);
        if (visitor is null)
        {
            ModelState.AddModelError(nameof(RegisterName), l[problem!]);
            return Page();
        }

        return ShowIdentified(visitor);
    }

    public async Task<IActionResult> OnPostTypedAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var name = Required(TypedName, nameof(TypedName), "氏名を入力してください。", 100);
        var birth = ParseDate(TypedBirthDate, nameof(TypedBirthDate));
        var address = Required(TypedAddress, nameof(TypedAddress), "住所を入力してください。", 200);
        var kana = TypedKana?.Trim() is { Length: > 0 } k ? k : null;
        if (kana is not null && !kana.All(c => c is (>= 'ァ' and <= 'ヶ') or 'ー' or '　' or ' '))
        {
            ModelState.AddModelError(nameof(TypedKana), l["フリガナはカタカナで入力してください。"]);
        }

        var gender = TypedGender is "男" or "女" ? TypedGender : null;
        var postal = TypedPostalCode?.Trim() is { Length: > 0 } p ? p : null;
        if (postal is not null && !System.Text.RegularExpressions.Regex.IsMatch(postal, @"^\d{3}-?\d{4}$"))
        {
            ModelState.AddModelError(nameof(TypedPostalCode), l["郵便番号は 985-0111 のように入力してください。"]);
        }

        var phone = TypedPhone?.Trim() is { Length: > 0 } t ? t : null;
        if (phone is not null && !System.Text.RegularExpressions.Regex.IsMatch(phone, @"^0\d{1,4}-?\d{1,4}-?\d{3,4}$"))
        {
            ModelState.AddModelError(nameof(TypedPhone), l["電話番号は 022-123-4567 のように入力してください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        return ShowIdentified(VisitorIdentifier.FromTyped(new VisitorIdentifier.Typed(name!, kana, birth!.Value, gender, postal, address!, phone)));
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var visitor = tickets.Read(Ticket);
        if (visitor is null)
        {
            ModelState.AddModelError(nameof(CardData), l["本人確認の有効時間が過ぎました。もう一度本人確認をしてください。"]);
            return Page();
        }

        Identified = visitor;
        var scope = Visits.CounterVisits.ScopeOf(User);
        var open = Groups.SelectMany(g => g.Procedures).Select(p => p.Id).ToHashSet();
        if (Procedures.Count == 0 || Procedures.Any(p => !open.Contains(p)))
        {
            ModelState.AddModelError(nameof(Procedures), l["手続を1つ以上選んでください。"]);
        }

        var department = DepartmentId ?? (Departments.Count == 1 ? Departments[0].Id : null);
        if (department is not { } counter || Departments.All(d => d.Id != counter))
        {
            ModelState.AddModelError(nameof(DepartmentId), l["受け付ける課を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var started = await visits.StartAsync(VisitId, department!.Value, visitor, visitor.For(Household), Procedures, CounterStaff.Id(User), ct);
        if (started.VisitId is not { } visitId)
        {
            ModelState.AddModelError(nameof(Procedures), l[started.Problem!]);
            Groups = await GroupsAsync(scope, ct);
            return Page();
        }

        return Redirect($"/{tenant.Code}/staff/counter/visits/{visitId}/forms/0/pages/0");
    }

    private PageResult ShowIdentified(IdentifiedVisitor visitor)
    {
        Identified = visitor;
        Ticket = tickets.Issue(visitor);
        VisitId = Guid.CreateVersion7();
        // The visitor's children are the usual subject of the child-care procedures; staff untick whom the visit does not concern.
        Household = Enumerable.Range(0, visitor.Facts.Household.Count).ToList();
        ModelState.Clear();
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var scope = Visits.CounterVisits.ScopeOf(User);
        if (!scope.All && scope.Departments.Count == 0)
        {
            return false;
        }

        var covered = scope.Departments.ToList();
        Departments = await db.Departments.Where(d => scope.All || covered.Contains(d.Id)).OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        var since = Wareki.StartOfJapanDay(JapanToday());
        var visible = Departments.Select(d => d.Id).ToList();
        Today = await db.Set<CounterVisit>().Where(v => visible.Contains(v.DepartmentId) && v.StartedAt >= since)
            .OrderByDescending(v => v.StartedAt).Take(50)
            .Select(v => new TodayVisit(v.Id, v.VisitorName, v.StartedAt, v.Status)).ToListAsync(ct);
        Groups = await GroupsAsync(scope, ct);
        WaitingReads = await cardReads.WaitingAsync(scope, ct);
        return true;
    }

    private async Task<IReadOnlyList<LifeEventGroup>> GroupsAsync(DepartmentScope scope, CancellationToken ct) =>
        (await applications.ProceduresAsync(ct)).Where(p => scope.Covers(p.DepartmentId))
            .GroupBy(p => p.LifeEvents.FirstOrDefault() ?? "その他")
            .OrderBy(g => g.Key == "引越し" ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LifeEventGroup(g.Key, g.ToList())).ToList();

    private DateOnly JapanToday() => DateOnly.FromDateTime(Wareki.ToJapanTime(time.GetUtcNow().UtcDateTime));

    private string? Required(string? value, string key, string message, int maxLength)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            ModelState.AddModelError(key, l[message]);
            return null;
        }

        if (text.Length > maxLength)
        {
            ModelState.AddModelError(key, l["{0}文字以内で入力してください。", maxLength]);
            return null;
        }

        return text;
    }

    private DateOnly? ParseDate(string? value, string key)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            ModelState.AddModelError(key, l["生年月日を入力してください。"]);
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"];
        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date <= JapanToday())
        {
            return date;
        }

        ModelState.AddModelError(key, l["生年月日は 1985-04-12 のように入力してください。"]);
        return null;
    }
}
