using System.Security.Claims;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Identity;

/// <summary>
/// The relying-party side of the flow: acr_values on the way out, private_key_jwt at the token
/// endpoint, and on return the resident account of the municipality the flow started from.
/// </summary>
internal sealed class ResidentOidcEvents(
    IOptions<ResidentIdentityOptions> options,
    RelyingPartyKey key,
    ProviderConfiguration provider,
    TimeProvider time,
    ILogger<ResidentOidcEvents> logger) : OpenIdConnectEvents
{
    public const string TenantItem = "madoguchi.tenant";
    private const string IssuerItem = "madoguchi.issuer";
    private const string AcrItem = "madoguchi.acr";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.AcrValues))
        {
            context.ProtocolMessage.AcrValues = options.Value.AcrValues;
        }

        return Task.CompletedTask;
    }

    public override async Task AuthorizationCodeReceived(AuthorizationCodeReceivedContext context)
    {
        var configuration = await provider.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var request = context.TokenEndpointRequest!;
        request.ClientSecret = null;
        request.ClientAssertionType = RelyingPartyKey.ClientAssertionType;
        request.ClientAssertion = key.CreateClientAssertion(options.Value.ClientId, configuration.TokenEndpoint, time);
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        // Kept for the account lookup: the id_token's issuer and acr, as validated.
        context.Properties!.Items[IssuerItem] = context.SecurityToken.Issuer;
        context.Properties.Items[AcrItem] = context.SecurityToken.Claims.FirstOrDefault(c => c.Type == "acr")?.Value;
        return Task.CompletedTask;
    }

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var code = context.Properties?.Items.TryGetValue(TenantItem, out var c) == true ? c : null;
        var found = code is null ? null : await services.GetRequiredService<TenantDirectory>().FindByCodeAsync(code, context.HttpContext.RequestAborted);
        var subject = context.Principal?.FindFirstValue("sub");
        var issuer = context.Properties?.Items.TryGetValue(IssuerItem, out var i) == true ? i : null;
        if (found is null || subject is null || issuer is null)
        {
            logger.LogWarning("Resident sign-in returned without a municipality, subject or issuer.");
            context.HandleResponse();
            context.Response.Redirect(SignInErrorUrl(code, "invalid-response"));
            return;
        }

        services.GetRequiredService<TenantContext>().Set(found.Id, found.Code, found.Name, found.NameEn);
        services.GetRequiredService<AuditActor>().ActAsSystem("resident-sign-in");
        var db = services.GetRequiredService<MadoguchiDb>();
        var principal = context.Principal!;
        var acr = context.Properties!.Items.TryGetValue(AcrItem, out var a) ? a : null;
        ResidentAccount account;
        // Two first sign-ins of one person at once (two tabs, a double tap) race on the unique
        // (tenant, issuer, subject) index; the loser reads the winner's row and updates it.
        for (var attempt = 1; ; attempt++)
        {
            account = await db.Set<ResidentAccount>().SingleOrDefaultAsync(r => r.Issuer == issuer && r.Subject == subject)
                ?? db.Add(new ResidentAccount { TenantId = found.Id, Issuer = issuer, Subject = subject, Name = "" }).Entity;
            account.Name = principal.FindFirstValue("name") ?? account.Name;
            account.Address = principal.FindFirstValue("address") ?? account.Address;
            account.BirthDate = ResidentClaims.ParseBirthDate(principal.FindFirstValue("birthdate")) ?? account.BirthDate;
            account.Gender = principal.FindFirstValue("gender") is { } gender ? ResidentClaims.ParseGender(gender) : account.Gender;
            account.Assurance = acr is null
                ? options.Value.DefaultAssurance
                : options.Value.CardAcrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(acr, StringComparer.Ordinal) ? AssuranceLevel.Card : AssuranceLevel.Password;
            account.LastSignInAt = time.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(context.HttpContext.RequestAborted);
                break;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }

        context.Principal = ResidentClaims.Principal(account, account.Assurance);
        context.Properties.Items.Remove(IssuerItem);
        context.Properties.Items.Remove(AcrItem);
    }

    public override Task AccessDenied(AccessDeniedContext context)
    {
        context.HandleResponse();
        context.Response.Redirect(SignInErrorUrl(TenantOf(context.Properties), "cancelled"));
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        var reason = context.Failure switch
        {
            OpenIdConnectProtocolInvalidNonceException => "invalid-response",
            OpenIdConnectProtocolException p when p.Message.Contains("access_denied", StringComparison.Ordinal) => "cancelled",
            OpenIdConnectProtocolException => "provider-error",
            SecurityTokenException => "invalid-response",
            HttpRequestException or IOException or TaskCanceledException => "unavailable",
            // Correlation and state failures: an old, replayed or tampered callback.
            _ => "expired",
        };
        logger.LogWarning(context.Failure, "Resident sign-in failed ({Reason}).", reason);
        context.HandleResponse();
        context.Response.Redirect(SignInErrorUrl(TenantOf(context.Properties), reason));
        return Task.CompletedTask;
    }

    private static string? TenantOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(TenantItem, out var code) == true && MunicipalityCode.IsValid(code) ? code : null;

    public static string SignInErrorUrl(string? tenantCode, string reason) =>
        (tenantCode is null ? "/account/sign-in-error" : $"/{tenantCode}/account/sign-in-error") + "?reason=" + Uri.EscapeDataString(reason);
}
