using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Identity.Account;

/// <summary>The signed-in resident's own page: what the municipality knows and how it was proven.</summary>
[Authorize(Policy = ResidentPolicies.Resident)]
public sealed class IndexModel(MadoguchiDb db, TenantContext tenant) : PageModel
{
    public sealed record AccountView(string Name, string? Address, DateOnly? BirthDate, ResidentGender Gender, string? Email, bool EmailConfirmed, bool HasPassword);

    public AccountView Account { get; private set; } = null!;
    public AssuranceLevel Assurance { get; private set; }
    public string TenantCode => tenant.Code!;
    public bool HasPassword => Account.HasPassword;
    public bool EmailConfirmed => Account.EmailConfirmed;

    public async Task<IActionResult> OnGetAsync()
    {
        var id = User.ResidentId();
        var account = await db.Set<ResidentAccount>().Where(r => r.Id == id)
            .Select(r => new AccountView(r.Name, r.Address, r.BirthDate, r.Gender, r.Email, r.EmailConfirmed, r.PasswordHash != null))
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (account is null)
        {
            // The account was removed after the cookie was issued.
            return Redirect($"/{tenant.Code}/account/login");
        }

        Account = account;
        Assurance = User.AssuranceOf() ?? AssuranceLevel.Password;
        return Page();
    }
}
