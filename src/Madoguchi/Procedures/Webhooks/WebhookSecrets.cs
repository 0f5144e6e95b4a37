using Microsoft.AspNetCore.DataProtection;

namespace Madoguchi.Procedures.Webhooks;

/// <summary>Keeps endpoint secrets encrypted at rest with the installation's shared data-protection keys.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Madoguchi.Procedures.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string cipher) => _protector.Unprotect(cipher);
}
