using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Open311;

/// <summary>
/// The municipality's Open311 client applications: issue an api_key (shown once, in the answer to
/// the post, never stored or put in a cookie) and revoke one.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class ClientAdminModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, DateTime CreatedAt, DateTime? RevokedAt);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "アプリケーションの名前を入力してください。")]
        [MaxLength(100, ErrorMessage = "アプリケーションの名前は100文字以内で入力してください。")]
        public string Name { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Clients { get; private set; } = [];
    public string? IssuedKey { get; private set; }
    public string? IssuedFor { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var key = Open311Client.NewKey();
        db.Add(new Open311Client { Name = Input.Name.Trim(), TokenHash = Open311Client.Hash(key) });
        await db.SaveChangesAsync(ct);
        (IssuedKey, IssuedFor) = (key, Input.Name.Trim());
        Input = new InputModel();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Set<Open311Client>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        client.RevokedAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["APIキーを無効にしました。"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Clients = await db.Set<Open311Client>().OrderBy(c => c.CreatedAt).Select(c => new Row(c.Id, c.Name, c.CreatedAt, c.RevokedAt)).ToListAsync(ct);
}
