using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Madoguchi.Payments.Accounts;

/// <summary>
/// The municipality admin enters its own card payment account (Stripe secret key and webhook signing
/// secret). The keys are sealed at rest and never shown back: the page says 設定済み with the last
/// four characters. Without an own account, the installation's is used.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class ProviderAccountPageModel(ProviderAccounts accounts, TenantContext tenant, IOptions<PaymentsOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string? SecretKey { get; set; }
    [BindProperty] public string? WebhookSecret { get; set; }

    public ProviderAccount? Account { get; private set; }
    public bool InstallationConfigured => !string.IsNullOrWhiteSpace(options.Value.StripeBaseUrl) && !string.IsNullOrWhiteSpace(options.Value.StripeSecretKey);
    public string WebhookUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{Stripe.StripeWebhookEndpoint.Path}/{tenant.Code}";
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        Account = await accounts.FindAsync(ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var key = SecretKey?.Trim() ?? "";
        var webhook = WebhookSecret?.Trim() ?? "";
        // Publishable keys (pk_) and restricted keys (rk_) cannot create Checkout Sessions and refunds.
        if (!(key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("sk_test_", StringComparison.Ordinal)) || key.Length < 16 || key.Length > 300 || key.Any(char.IsWhiteSpace))
        {
            ModelState.AddModelError(nameof(SecretKey), l["シークレットキーは「sk_live_」または「sk_test_」で始まるキーを入力してください。"]);
        }

        if (!webhook.StartsWith("whsec_", StringComparison.Ordinal) || webhook.Length < 16 || webhook.Length > 300 || webhook.Any(char.IsWhiteSpace))
        {
            ModelState.AddModelError(nameof(WebhookSecret), l["Webhook の署名シークレットは「whsec_」で始まる値を入力してください。"]);
        }

        if (!ModelState.IsValid)
        {
            // Never echo a secret back into the page.
            SecretKey = WebhookSecret = null;
            Account = await accounts.FindAsync(ct);
            return Page();
        }

        await accounts.SaveAsync(key, webhook, StaffIdOf(), ct);
        TempData["notice"] = l["決済事業者のアカウントを保存しました。これからのお支払いはこのアカウントで受け付けます。"].Value;
        return Redirect($"/{tenant.Code}/staff/payments/provider-account");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        await accounts.RemoveAsync(ct);
        TempData["notice"] = l["市町村のアカウントを削除しました。これからのお支払いは全体の設定のアカウントで受け付けます。"].Value;
        return Redirect($"/{tenant.Code}/staff/payments/provider-account");
    }

    private Guid? StaffIdOf() =>
        Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
}
