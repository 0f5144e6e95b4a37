using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Webhooks;

/// <summary>A municipality's admin registers the core systems that are told of every status change.</summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class WebhookEndpointsModel(MadoguchiDb db, WebhookSecrets secrets, IHostEnvironment environment, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Url, string Description, string? Department, bool Active, int Pending, int Delivered, int Failed, string? LastError);

    public sealed record DepartmentOption(Guid Id, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "送信先のURLを入力してください。")]
        [MaxLength(500, ErrorMessage = "URLは500文字以内で入力してください。")]
        public string? Url { get; set; }

        [Required(ErrorMessage = "説明を入力してください。")]
        [MaxLength(100, ErrorMessage = "説明は100文字以内で入力してください。")]
        public string? Description { get; set; }

        public Guid? DepartmentId { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Endpoints { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];

    /// <summary>The new endpoint's secret, shown on the page that follows its creation only.</summary>
    public string? NewSecret { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewSecret = TempData["webhook-secret"] as string;
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && !WebhookUrl.IsAllowed(Input.Url, environment))
        {
            ModelState.AddModelError("Input.Url", l["URLは https:// で始まるものを入力してください。"]);
        }

        if (Input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
        {
            ModelState.AddModelError("Input.DepartmentId", l["課を選び直してください。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var secret = WebhookSignature.NewSecret();
        db.Add(new WebhookEndpoint
        {
            Url = Input.Url!.Trim(), Description = Input.Description!.Trim(), DepartmentId = Input.DepartmentId,
            SecretCipher = secrets.Protect(secret),
        });
        await db.SaveChangesAsync(ct);
        // Shown once: TempData is read on the next page and then gone (cookie TempData is encrypted).
        TempData["webhook-secret"] = secret;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct)
    {
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
        {
            return NotFound();
        }

        endpoint.DisabledAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["送信を停止しました。"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        var names = Departments.ToDictionary(d => d.Id, d => d.Name);
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(ct);
        var counts = await db.Set<WebhookDelivery>().AsNoTracking()
            .GroupBy(d => new { d.EndpointId, d.Status })
            .Select(g => new { g.Key.EndpointId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var errors = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.LastError != null)
            .GroupBy(d => d.EndpointId)
            .Select(g => new { EndpointId = g.Key, LastError = g.OrderByDescending(d => d.CreatedAt).Select(d => d.LastError).First() })
            .ToListAsync(ct);
        int Count(Guid id, WebhookDeliveryStatus s) => counts.Where(c => c.EndpointId == id && c.Status == s).Sum(c => c.Count);
        Endpoints = endpoints.Select(e => new Row(e.Id, e.Url, e.Description, e.DepartmentId is { } d ? names.GetValueOrDefault(d) : null, e.DisabledAt is null,
            Count(e.Id, WebhookDeliveryStatus.Pending), Count(e.Id, WebhookDeliveryStatus.Delivered), Count(e.Id, WebhookDeliveryStatus.Failed),
            errors.FirstOrDefault(x => x.EndpointId == e.Id)?.LastError)).ToList();
    }
}
