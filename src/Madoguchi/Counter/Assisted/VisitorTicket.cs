using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// Carries an identified visitor from the identification step to the start of the visit inside the
/// page (a hidden field), encrypted and authenticated, valid for a few minutes, so that nothing read
/// from the card or the register is stored before a chosen procedure needs it.
/// </summary>
public sealed class VisitorTicket(IDataProtectionProvider provider, IOptions<AssistedCounterOptions> options, Platform.Tenancy.TenantContext tenant)
{
    // The municipality is part of the purpose: a ticket made in one municipality opens in no other.
    private ITimeLimitedDataProtector Protector =>
        provider.CreateProtector("Madoguchi.Counter.Assisted.VisitorTicket", tenant.TenantId?.ToString() ?? "none").ToTimeLimitedDataProtector();

    public string Issue(IdentifiedVisitor visitor) =>
        Protector.Protect(JsonSerializer.Serialize(visitor), TimeSpan.FromMinutes(options.Value.IdentificationMinutes));

    /// <summary>The visitor, or null when the ticket is forged, expired or from another municipality.</summary>
    public IdentifiedVisitor? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<IdentifiedVisitor>(Protector.Unprotect(ticket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
