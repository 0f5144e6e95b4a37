using Madoguchi.Platform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Madoguchi.Identity;

/// <summary>
/// The provider's discovery document, fetched on first use. Lazy because the development provider
/// lives in this host, whose address (a random port in tests) is only known once it listens.
/// </summary>
internal sealed class ProviderConfiguration(
    IOptions<ResidentIdentityOptions> options, IOptions<PlatformOptions> platform, IServer server, IHttpClientFactory httpClients)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public const string HttpClientName = "oidc-provider";

    private readonly Lock _lock = new();
    private ConfigurationManager<OpenIdConnectConfiguration>? _inner;

    /// <summary>The issuer the relying party expects.</summary>
    public string Authority => options.Value.Authority is { Length: > 0 } configured
        ? configured
        : DevProviderIssuer();

    /// <summary>Issuer of the built-in development provider: this host's own address + /dev-idp/.</summary>
    public string DevProviderIssuer()
    {
        var baseUrl = platform.Value.PublicBaseUrl ?? ListeningAddress();
        return baseUrl.TrimEnd('/') + "/dev-idp/";
    }

    private string ListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; set Platform:PublicBaseUrl.");
        // A wildcard binding is not an address a client can call back on; loopback is, in development.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Inner
    {
        get
        {
            lock (_lock)
            {
                return _inner ??= new ConfigurationManager<OpenIdConnectConfiguration>(
                    Authority.TrimEnd('/') + "/.well-known/openid-configuration",
                    new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
                    {
                        RequireHttps = options.Value.RequireHttpsMetadata && !options.Value.DevProvider.Enabled,
                    });
            }
        }
    }

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => Inner.GetConfigurationAsync(cancel);

    public void RequestRefresh() => Inner.RequestRefresh();
}
