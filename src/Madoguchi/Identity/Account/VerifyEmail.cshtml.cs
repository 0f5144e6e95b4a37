using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Identity.Account;

/// <summary>Confirms a registered e-mail address with the token sent to it.</summary>
public sealed class VerifyEmailModel(MadoguchiDb db, TenantContext tenant, TimeProvider time) : PageModel
{
    public enum Outcome
    {
        Pending,
        Confirmed,
        Invalid,
    }

    public Outcome Result { get; private set; }

    /// <summary>A card account added the address for mail only; it does not sign in with it.</summary>
    public bool ForMailOnly { get; private set; }
    public Guid Id { get; private set; }
    public string Token { get; private set; } = "";
    public string TenantCode => tenant.Code!;

    public void OnGet(Guid id, string? token)
    {
        Id = id;
        Token = token ?? "";
        Result = token is { Length: > 0 } ? Outcome.Pending : Outcome.Invalid;
    }

    public async Task OnPostAsync(Guid id, string? token)
    {
        // The tenant filter applies: a link only works at the municipality that sent it.
        var account = await db.Set<ResidentAccount>().SingleOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (account is null || token is not { Length: > 0 } || account.TokenHash is null
            || account.TokenExpiresAt < time.GetUtcNow().UtcDateTime
            || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(account.TokenHash), Encoding.ASCII.GetBytes(RegisterModel.HashToken(token))))
        {
            Result = Outcome.Invalid;
            return;
        }

        account.EmailConfirmed = true;
        // An address added on the account page claims its uniqueness only now that it is proven.
        account.NormalizedEmail = account.Email!.ToUpperInvariant();
        account.TokenHash = null;
        account.TokenExpiresAt = null;
        account.Version++;
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Another account of this municipality proved the same address first.
            Result = Outcome.Invalid;
            return;
        }

        ForMailOnly = account.PasswordHash is null;
        Result = Outcome.Confirmed;
    }
}
