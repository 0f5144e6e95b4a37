using Madoguchi.Identity.DevProvider;
using Madoguchi.Identity.Signatures;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity;

/// <summary>Resident sign-in: OpenID Connect against the national digital authentication app, or e-mail + password.</summary>
public static class IdentityModule
{
    public const string ResidentScheme = "Resident";
    public const string OidcScheme = "ResidentOidc";

    /// <summary>One callback for every municipality; the municipality travels in the protected state.</summary>
    public const string CallbackPath = "/signin-oidc";

    public const string JwksPath = "/.well-known/madoguchi-rp-jwks.json";

    public static void AddIdentityModule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ResidentIdentityOptions>().BindConfiguration("Identity").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RelyingPartyKey>();
        services.AddSingleton<ProviderConfiguration>();
        services.AddScoped<ResidentOidcEvents>();
        services.AddScoped<Platform.Residents.IResidentProfiles, ResidentProfileDirectory>();
        services.AddSingleton<IPasswordHasher<ResidentAccount>, PasswordHasher<ResidentAccount>>();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ResidentOfRouteTenantHandler>();
        services.AddHttpClient(ProviderConfiguration.HttpClientName);
        services.AddAuthorizationBuilder().AddPolicy(ResidentPolicies.Resident, p => p
            .AddAuthenticationSchemes(ResidentScheme)
            .AddRequirements(new ResidentOfRouteTenantRequirement()));

        // A broken callback may not know its municipality; the error page then has a tenantless address too.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Identity/Account/SignInError", "/account/sign-in-error"));

        services.AddAuthentication()
            .AddCookie(ResidentScheme, o =>
            {
                o.Cookie.Name = "madoguchi.resident";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(1);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = RedirectToTenantLogin;
                // Signed in at another municipality only: here that is the same as not signed in.
                o.Events.OnRedirectToAccessDenied = RedirectToTenantLogin;
            })
            .AddOpenIdConnect(OidcScheme, o =>
            {
                o.SignInScheme = ResidentScheme;
                o.CallbackPath = CallbackPath;
                o.ResponseType = "code";
                // A plain redirect back, not form_post: the return works without JavaScript.
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.Scope.Clear();
                foreach (var scope in (string[])["openid", "name", "address", "birthdate", "gender"])
                {
                    o.Scope.Add(scope);
                }

                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.UseTokenLifetime = false;
                o.DisableTelemetry = true;
                // The national app documents no pushed authorization requests.
                o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
                o.TokenValidationParameters.NameClaimType = "name";
                o.ClaimActions.MapUniqueJsonKey("address", "address");
                o.ClaimActions.MapUniqueJsonKey("birthdate", "birthdate");
                o.ClaimActions.MapUniqueJsonKey("gender", "gender");
                // The callback is a top-level GET redirect, so Lax cookies come back with it.
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.EventsType = typeof(ResidentOidcEvents);
            });
        services.AddOptions<OpenIdConnectOptions>(OidcScheme)
            .Configure<IOptions<ResidentIdentityOptions>, ProviderConfiguration>((o, identity, provider) =>
            {
                o.ClientId = identity.Value.ClientId;
                o.ConfigurationManager = provider;
                o.RequireHttpsMetadata = identity.Value.RequireHttpsMetadata && !identity.Value.DevProvider.Enabled;
            });

        builder.AddSignatures();
        if (builder.Configuration.GetValue<bool>("Identity:DevProvider:Enabled"))
        {
            builder.AddDevIdentityProvider();
        }
    }

    public static void MapIdentityModule(this WebApplication app)
    {
        // The service reads both keys from here: "sig" checks client assertions, "enc" is what it encrypts sign results to.
        app.MapGet(JwksPath, (RelyingPartyKey key, Signatures.SignApp.SignResultKey resultKey) =>
            TypedResults.Text(key.PublicJwks(resultKey.PublicJwk()), "application/jwk-set+json"));
        app.MapSignatures();

        if (app.Services.GetRequiredService<IOptions<ResidentIdentityOptions>>().Value.DevProvider.Enabled)
        {
            app.MapDevIdentityProvider();
        }
    }

    private static Task RedirectToTenantLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        var code = context.HttpContext.GetRouteValue("tenant") as string;
        var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect(code is null
            ? "/"
            : $"/{code}/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }
}
