using System.Net;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Madoguchi.Tests.Infrastructure;

/// <summary>Signs staff in through the real login pages, with a TOTP code where needed.</summary>
public static class StaffSession
{
    /// <summary>Turns on TOTP for a member of staff and returns the shared key (base32).</summary>
    public static Task<string> EnableTotpAsync(this MadoguchiApp app, TestData.StaffInfo staff) =>
        app.ScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(staff.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            var key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
            return key;
        });

    public static string TotpCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>A browser signed in as <paramref name="staff"/>; passes the TOTP step when a key is given.</summary>
    /// <param name="client">A browser to sign in (e.g. one on Kestrel); a new in-memory one when null.</param>
    public static async Task<HttpClient> SignInAsync(this MadoguchiApp app, TestData.StaffInfo staff, string? totpKey = null, HttpClient? client = null)
    {
        client ??= app.Browser();
        var response = await client.SubmitAsync("/staff/login", new Dictionary<string, string>
        {
            ["Input.Email"] = staff.Email,
            ["Input.Password"] = staff.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/staff/login/code", StringComparison.Ordinal))
        {
            Assert.NotNull(totpKey);
            response = await client.SubmitAsync(response.Headers.Location.OriginalString, new Dictionary<string, string> { ["Code"] = TotpCode(totpKey!) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return client;
    }

    /// <summary>A tenant admin of <paramref name="tenant"/>, signed in with password and TOTP.</summary>
    public static async Task<(TestData.StaffInfo Staff, HttpClient Client)> TenantAdminAsync(this MadoguchiApp app, TestData.TenantInfo tenant)
    {
        var admin = await app.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var key = await app.EnableTotpAsync(admin);
        return (admin, await app.SignInAsync(admin, key));
    }
}
