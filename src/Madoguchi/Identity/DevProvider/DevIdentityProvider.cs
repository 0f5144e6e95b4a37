using System.Security.Claims;
using Madoguchi.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Madoguchi.Identity.DevProvider;

/// <summary>
/// A real OpenID provider (OpenIddict) under /dev-idp/ that behaves like the national digital
/// authentication app closely enough to develop and test against: code + PKCE, private_key_jwt,
/// acr, and 基本4情報 from userinfo. Registered only when Identity:DevProvider:Enabled is true.
/// </summary>
internal static class DevIdentityProvider
{
    public const string PathPrefix = "/dev-idp";
    public const string CardAcr = "aal3";
    public static readonly string[] ResidentScopes = ["name", "address", "birthdate", "gender"];

    public static void AddDevIdentityProvider(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // A named in-memory database per host: tests run several hosts in one process.
        var connectionString = $"Data Source=madoguchi-dev-idp-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        services.AddDbContext<DevIdpDb>(o => o.UseSqlite(connectionString).UseOpenIddict());
        services.AddSingleton(new DevIdpDatabase(connectionString));
        services.AddHostedService<DevIdpSetup>();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DevIdpDb>())
            .AddServer(o =>
            {
                // Relative to the base URI that MountUnderPrefix sets: /dev-idp/authorize and so on.
                o.SetAuthorizationEndpointUris("authorize")
                    .SetTokenEndpointUris("token")
                    .SetUserInfoEndpointUris("userinfo")
                    .SetJsonWebKeySetEndpointUris("certs");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes([Scopes.OpenId, .. ResidentScopes]);
                o.RegisterClaims(Claims.Subject, Claims.Name, Claims.Address, Claims.Birthdate, Claims.Gender, "acr");
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // Plain JWT access tokens, as the national app's Keycloak issues.
                o.DisableAccessTokenEncryption();
                o.AddEventHandler<OpenIddictServerEvents.ValidateTokenContext>(h => h
                    .UseInlineHandler(AcceptRfc7523ClientAssertion)
                    .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500));
                o.AddEventHandler<OpenIddictServerEvents.ValidateTokenContext>(h => h
                    .UseInlineHandler(TreatGenericJwtAsClientAssertion)
                    .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 1));
                o.AddEventHandler<OpenIddictServerEvents.ProcessRequestContext>(h => h
                    .UseInlineHandler(MountUnderPrefix)
                    .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1_000));
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    // Development only: ./run serves plain HTTP on loopback.
                    .DisableTransportSecurityRequirement();
            });
    }

    /// <summary>The provider's issuer and endpoints live under /dev-idp/ of whatever host served the request.</summary>
    private static ValueTask MountUnderPrefix(OpenIddictServerEvents.ProcessRequestContext context)
    {
        if (context.BaseUri is { } baseUri)
        {
            context.BaseUri = new Uri(baseUri, PathPrefix + "/");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Reads a client assertion the way the national app's Keycloak does. OpenIddict 7 follows RFC
    /// 7523bis: typ "client-authentication+jwt" and the issuer as the only audience. The national
    /// app's clients (and this relying party) send the generic "JWT" with the token endpoint URL as
    /// audience (RFC 7523), so before validation both are added to what is accepted.
    /// </summary>
    private static ValueTask AcceptRfc7523ClientAssertion(OpenIddictServerEvents.ValidateTokenContext context)
    {
        if (context.TokenValidationParameters is { ValidTypes: { } types } parameters
            && types.Contains(JsonWebTokenTypes.ClientAuthentication, StringComparer.Ordinal)
            && context.BaseUri is { } issuer)
        {
            parameters.ValidTypes = [.. types, "JWT"];
            context.ValidAudiences.Add(new Uri(issuer, "token").AbsoluteUri);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A generic JWT is read as an id_token; where only a client assertion can be meant, it is one.</summary>
    private static ValueTask TreatGenericJwtAsClientAssertion(OpenIddictServerEvents.ValidateTokenContext context)
    {
        if (context.ValidTokenTypes.Count == 1
            && context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion)
            && context.Principal?.GetTokenType() == TokenTypeIdentifiers.IdentityToken)
        {
            context.Principal.SetTokenType(TokenTypeIdentifiers.Private.ClientAssertion);
        }

        return ValueTask.CompletedTask;
    }

    public static void MapDevIdentityProvider(this WebApplication app)
    {
        var scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

        // Authorization code grant: OpenIddict has validated the code, PKCE verifier and client assertion.
        app.MapPost(PathPrefix + "/token", async (HttpContext http) =>
        {
            var result = await http.AuthenticateAsync(scheme);
            return result.Principal is { } principal
                ? Results.SignIn(principal, authenticationScheme: scheme)
                : Results.Forbid(authenticationSchemes: [scheme]);
        }).DisableAntiforgery();

        // Like the national app: the four facts as plain strings, only for the scopes granted.
        app.MapMethods(PathPrefix + "/userinfo", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            var result = await http.AuthenticateAsync(scheme);
            var principal = result.Principal;
            var persona = DevPersonas.BySubject(principal?.GetClaim(Claims.Subject));
            if (principal is null || persona is null)
            {
                return Results.Challenge(authenticationSchemes: [scheme]);
            }

            var claims = new Dictionary<string, string> { [Claims.Subject] = persona.Subject };
            if (principal.HasScope("name"))
            {
                claims["name"] = persona.Name;
            }

            if (principal.HasScope("address"))
            {
                claims["address"] = persona.Address;
            }

            if (principal.HasScope("birthdate"))
            {
                claims["birthdate"] = persona.BirthDate;
            }

            if (principal.HasScope("gender"))
            {
                claims["gender"] = persona.Gender;
            }

            return Results.Json(claims);
        }).DisableAntiforgery();
    }

    /// <summary>The identity a persona signs in with: subject and acr, in the id_token and access token.</summary>
    public static ClaimsPrincipal PrincipalFor(DevPersona persona, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, persona.Subject);
        identity.SetClaim("acr", persona.Acr);
        identity.SetScopes(request.GetScopes().Intersect([Scopes.OpenId, .. ResidentScopes]));
        identity.SetDestinations(claim => claim.Type == "acr"
            ? [Destinations.IdentityToken]
            : [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>Keeps the in-memory database alive for the host's lifetime (it vanishes with its last connection).</summary>
internal sealed class DevIdpDatabase(string connectionString) : IDisposable
{
    private readonly SqliteConnection _keepAlive = new(connectionString);

    public void Open() => _keepAlive.Open();

    public void Dispose() => _keepAlive.Dispose();
}

/// <summary>
/// Creates the provider's tables, then registers this installation as its client once the host
/// listens: the redirect URIs need the real address (a random port in tests).
/// </summary>
internal sealed class DevIdpSetup(
    IServiceProvider services, DevIdpDatabase database, IServer server, RelyingPartyKey key,
    IOptions<ResidentIdentityOptions> options, IOptions<PlatformOptions> platform) : IHostedLifecycleService
{
    // ConfigureAwait(false) throughout: a test host may be started synchronously on a
    // single-threaded synchronization context, which would otherwise deadlock here.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        database.Open();
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<DevIdpDb>().Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using var _ = scope.ConfigureAwait(false);
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = options.Value.ClientId,
            DisplayName = "窓口 Madoguchi",
            ClientType = ClientTypes.Confidential,
            // private_key_jwt only: no secret exists, the assertion must verify against this key.
            JsonWebKeySet = JsonWebKeySet.Create(key.PublicJwks()),
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var permission in ResidentScopesPermissions())
        {
            descriptor.Permissions.Add(permission);
        }

        foreach (var uri in RedirectUris())
        {
            descriptor.RedirectUris.Add(uri);
        }

        if (await applications.FindByClientIdAsync(descriptor.ClientId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<string> ResidentScopesPermissions() =>
        DevIdentityProvider.ResidentScopes.Select(s => Permissions.Prefixes.Scope + s);

    private IEnumerable<Uri> RedirectUris()
    {
        var bases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (platform.Value.PublicBaseUrl is { Length: > 0 } publicBase)
        {
            bases.Add(new Uri(publicBase).GetLeftPart(UriPartial.Authority));
        }

        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal));
            var loopback = uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost" or "127.0.0.1" or "[::1]";
            if (!loopback)
            {
                bases.Add(uri.Uri.GetLeftPart(UriPartial.Authority));
                continue;
            }

            // A browser may call a loopback host by either name.
            foreach (var host in new[] { "localhost", "127.0.0.1" })
            {
                uri.Host = host;
                bases.Add(uri.Uri.GetLeftPart(UriPartial.Authority));
            }
        }

        return bases.Select(b => new Uri(b + IdentityModule.CallbackPath));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
