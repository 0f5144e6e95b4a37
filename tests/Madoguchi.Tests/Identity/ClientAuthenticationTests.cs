using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Madoguchi.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Tests.Identity;

/// <summary>private_key_jwt: the key the relying party publishes, the assertion it signs, and the provider's check of it.</summary>
public sealed class ClientAuthenticationTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private string TokenEndpoint => app.BaseAddress.GetLeftPart(UriPartial.Authority) + "/dev-idp/token";

    private async Task<JsonWebKeySet> PublishedKeysAsync()
    {
        var response = await app.KestrelBrowser().GetAsync(IdentityModule.JwksPath);
        response.EnsureSuccessStatusCode();
        return new JsonWebKeySet(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Jwks_endpoint_serves_the_public_half_of_the_key_generated_into_the_data_directory()
    {
        var keys = await PublishedKeysAsync();

        var jwk = Assert.Single(keys.Keys, k => k.Use == "sig");
        Assert.Equal("RSA", jwk.Kty);
        Assert.Equal("RS256", jwk.Alg);
        Assert.Null(jwk.D); // never the private exponent
        Assert.Equal(app.Services.GetRequiredService<RelyingPartyKey>().KeyId, jwk.Kid);

        var pem = await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "identity", "rp-signing-key.pem"));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), jwk.N);

        // Next to it, and never the same key: the one signing results are encrypted to (docs/signatures.md).
        var encryption = Assert.Single(keys.Keys, k => k.Use == "enc");
        Assert.Equal(2, keys.Keys.Count);
        Assert.Equal("RSA-OAEP-256", encryption.Alg);
        Assert.Null(encryption.D);
        using var resultKey = RSA.Create();
        resultKey.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "identity", "sign-result-key.pem")));
        Assert.Equal(Base64UrlEncoder.Encode(resultKey.ExportParameters(false).Modulus), encryption.N);
        Assert.NotEqual(jwk.N, encryption.N);
    }

    [Fact]
    public async Task Client_assertion_carries_iss_sub_aud_jti_and_a_five_minute_lifetime()
    {
        var key = app.Services.GetRequiredService<RelyingPartyKey>();
        var first = key.CreateClientAssertion("MadoguchiDev", TokenEndpoint, TimeProvider.System);
        var second = key.CreateClientAssertion("MadoguchiDev", TokenEndpoint, TimeProvider.System);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(first, new TokenValidationParameters
        {
            ValidIssuer = "MadoguchiDev",
            ValidAudience = TokenEndpoint,
            IssuerSigningKeys = (await PublishedKeysAsync()).GetSigningKeys(),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", token.Alg);
        Assert.Equal("MadoguchiDev", token.Subject);
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);
        Assert.NotEqual(token.Id, new JsonWebToken(second).Id);
        Assert.False(string.IsNullOrEmpty(token.Id));
    }

    [Fact]
    public async Task Provider_refuses_a_token_request_without_a_client_assertion()
    {
        var response = await TokenRequestAsync([]);
        Assert.Equal("invalid_client", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Provider_refuses_an_assertion_signed_by_another_key()
    {
        using var other = RSA.Create(2048);
        var now = DateTime.UtcNow;
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "MadoguchiDev",
            Audience = TokenEndpoint,
            Subject = new ClaimsIdentity([new Claim("sub", "MadoguchiDev"), new Claim("jti", Guid.NewGuid().ToString())]),
            IssuedAt = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(other), SecurityAlgorithms.RsaSha256),
        });

        var response = await TokenRequestAsync([
            new("client_assertion_type", RelyingPartyKey.ClientAssertionType),
            new("client_assertion", forged),
        ]);

        Assert.Equal("invalid_client", await ErrorOfAsync(response));
    }

    [Fact]
    public async Task Provider_accepts_the_relying_partys_assertion_and_then_judges_the_code()
    {
        var assertion = app.Services.GetRequiredService<RelyingPartyKey>().CreateClientAssertion("MadoguchiDev", TokenEndpoint, TimeProvider.System);

        var response = await TokenRequestAsync([
            new("client_assertion_type", RelyingPartyKey.ClientAssertionType),
            new("client_assertion", assertion),
        ]);

        // The client authenticated; only the made-up code is wrong.
        Assert.Equal("invalid_grant", await ErrorOfAsync(response));
    }

    private async Task<HttpResponseMessage> TokenRequestAsync(KeyValuePair<string, string>[] authentication)
    {
        KeyValuePair<string, string>[] form =
        [
            new("grant_type", "authorization_code"),
            new("code", "made-up-code"),
            new("client_id", "MadoguchiDev"),
            new("redirect_uri", app.BaseAddress.GetLeftPart(UriPartial.Authority) + "/signin-oidc"),
            new("code_verifier", new string('a', 43)),
            .. authentication,
        ];
        return await app.KestrelBrowser().PostAsync("/dev-idp/token", new FormUrlEncodedContent(form));
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response)
    {
        Assert.False(response.IsSuccessStatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("error").GetString();
    }
}
