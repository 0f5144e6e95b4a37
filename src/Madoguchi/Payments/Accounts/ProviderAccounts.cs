using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Payments.Accounts;

/// <summary>The keys to speak to the provider with: the account's secret key and its webhook signing secret.</summary>
/// <param name="OwnAccount">The municipality's own account (else the installation's).</param>
public sealed record StripeCredentials(string SecretKey, string WebhookSecret, bool OwnAccount);

/// <summary>
/// Which provider account a municipality uses: its own (entered by its admin, sealed at rest) or the
/// installation's. A payment remembers which one took it (<c>Payment.OnOwnAccount</c>), so its
/// refund goes to the same account even after the municipality changes accounts.
/// </summary>
public sealed class ProviderAccounts(MadoguchiDb db, FieldCipher cipher, TenantContext tenant, IOptions<PaymentsOptions> options, TimeProvider time)
{
    private const string SecretContext = "payments:provider-account:secret-key";
    private const string WebhookContext = "payments:provider-account:webhook-secret";
    private StripeCredentials? _own;
    private bool _ownLoaded;

    /// <summary>The account new payments of the current municipality are made with; null: online payment is not offered.</summary>
    public async Task<StripeCredentials?> CurrentAsync(CancellationToken ct) => await OwnAsync(ct) ?? Installation();

    /// <summary>The account a payment was made with.</summary>
    public async Task<StripeCredentials?> ForAsync(bool ownAccount, CancellationToken ct) => ownAccount ? await OwnAsync(ct) : Installation();

    public Task<ProviderAccount?> FindAsync(CancellationToken ct) => db.Set<ProviderAccount>().AsNoTracking().SingleOrDefaultAsync(ct);

    /// <summary>Saves the municipality's own keys (sealed); the row is audited by the SaveChanges interceptor.</summary>
    public async Task SaveAsync(string secretKey, string webhookSecret, Guid? staffId, CancellationToken ct)
    {
        var tenantId = tenant.TenantId!.Value;
        var account = await db.Set<ProviderAccount>().SingleOrDefaultAsync(ct);
        var sealedKey = await cipher.SealAsync(tenantId, secretKey, SecretContext, ct);
        var sealedWebhook = await cipher.SealAsync(tenantId, webhookSecret, WebhookContext, ct);
        if (account is null)
        {
            db.Add(new ProviderAccount
            {
                TenantId = tenantId, SecretKeySealed = sealedKey, SecretKeyLast4 = Last4(secretKey), WebhookSecretSealed = sealedWebhook,
                WebhookSecretLast4 = Last4(webhookSecret), UpdatedAt = time.GetUtcNow().UtcDateTime, UpdatedBy = staffId,
            });
        }
        else
        {
            account.SecretKeySealed = sealedKey;
            account.SecretKeyLast4 = Last4(secretKey);
            account.WebhookSecretSealed = sealedWebhook;
            account.WebhookSecretLast4 = Last4(webhookSecret);
            account.UpdatedAt = time.GetUtcNow().UtcDateTime;
            account.UpdatedBy = staffId;
        }

        await db.SaveChangesAsync(ct);
        _ownLoaded = false;
    }

    /// <summary>Back to the installation's account for new payments.</summary>
    public async Task RemoveAsync(CancellationToken ct)
    {
        if (await db.Set<ProviderAccount>().SingleOrDefaultAsync(ct) is { } account)
        {
            db.Remove(account);
            await db.SaveChangesAsync(ct);
        }

        _ownLoaded = false;
    }

    private async Task<StripeCredentials?> OwnAsync(CancellationToken ct)
    {
        if (!_ownLoaded)
        {
            var account = await FindAsync(ct);
            _own = account is null ? null : new StripeCredentials(
                await cipher.OpenAsync(account.TenantId, account.SecretKeySealed, SecretContext, ct),
                await cipher.OpenAsync(account.TenantId, account.WebhookSecretSealed, WebhookContext, ct), true);
            _ownLoaded = true;
        }

        return _own;
    }

    private StripeCredentials? Installation()
    {
        var o = options.Value;
        return string.IsNullOrWhiteSpace(o.StripeBaseUrl) || string.IsNullOrWhiteSpace(o.StripeSecretKey)
            ? null : new StripeCredentials(o.StripeSecretKey, o.StripeWebhookSecret ?? "", false);
    }

    private static string Last4(string secret) => secret.Length <= 4 ? secret : secret[^4..];
}
