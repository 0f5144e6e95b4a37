using Madoguchi.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Tests.Identity;

/// <summary>The relying party pointed at a provider it does not control, over real HTTP.</summary>
public sealed class FakeProviderApp : MadoguchiApp
{
    public FakeProvider Provider { get; } = new();

    public FakeProviderApp()
    {
        OnKestrel()
            .With("Identity:Authority", Provider.Issuer)
            .With("Identity:ClientId", "RP00000001")
            // The fake provider speaks plain HTTP on loopback.
            .With("Identity:RequireHttpsMetadata", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>What comes back from the provider is checked: issuer, lifetime, signature, nonce, audience.</summary>
public sealed class ProviderResponseTests(FakeProviderApp app) : IClassFixture<FakeProviderApp>
{
    private async Task<SignInFlow.Step> SignInAsync(string tenantCode) =>
        await app.KestrelBrowser().GetFollowingAsync($"/{tenantCode}/account/login");

    [Fact]
    public async Task Valid_response_creates_the_account_from_userinfo_strings()
    {
        app.Provider.Flaw = IdTokenFlaw.None;
        var tenant = await app.TenantAsync();

        var landed = await SignInAsync(tenant.Code);

        Assert.Equal($"/{tenant.Code}/account", landed.Url.AbsolutePath);
        var text = landed.AsPage().Text;
        Assert.Contains("伊藤 美咲", text);
        Assert.Contains("昭和60年10月10日", text); // sent as YYYYMMDD
        Assert.Contains("女性", text);
        var account = Assert.Single(await app.DbAsync(db => db.Set<ResidentAccount>().IgnoreQueryFilters().Where(r => r.TenantId == tenant.Id).ToListAsync()));
        Assert.Equal(app.Provider.Issuer, account.Issuer);
        Assert.Equal(app.Provider.Subject, account.Subject);
        Assert.Equal(AssuranceLevel.Card, account.Assurance);
    }

    [Fact]
    public async Task Token_request_authenticates_with_private_key_jwt_and_pkce()
    {
        app.Provider.Flaw = IdTokenFlaw.None;
        var tenant = await app.TenantAsync();
        app.Provider.TokenRequests.Clear();

        await SignInAsync(tenant.Code);

        var request = Assert.Single(app.Provider.TokenRequests);
        Assert.Equal("authorization_code", request["grant_type"]);
        Assert.Equal("RP00000001", request["client_id"]);
        Assert.False(request.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", request["client_assertion_type"]);
        Assert.False(string.IsNullOrEmpty(request["code_verifier"]));

        var keys = new JsonWebKeySet(await (await app.KestrelBrowser().GetAsync(IdentityModule.JwksPath)).Content.ReadAsStringAsync());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(request["client_assertion"], new TokenValidationParameters
        {
            ValidIssuer = "RP00000001",
            ValidAudience = app.Provider.TokenEndpoint,
            IssuerSigningKeys = keys.GetSigningKeys(),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("RP00000001", ((JsonWebToken)result.SecurityToken).Subject);
    }

    [Theory]
    [InlineData(IdTokenFlaw.WrongIssuer)]
    [InlineData(IdTokenFlaw.Expired)]
    [InlineData(IdTokenFlaw.BadSignature)]
    [InlineData(IdTokenFlaw.WrongNonce)]
    [InlineData(IdTokenFlaw.WrongAudience)]
    public async Task Flawed_id_token_shows_a_Japanese_error_page_and_creates_no_account(IdTokenFlaw flaw)
    {
        app.Provider.Flaw = flaw;
        var tenant = await app.TenantAsync();

        var landed = await SignInAsync(tenant.Code);

        Assert.Equal($"/{tenant.Code}/account/sign-in-error", landed.Url.AbsolutePath);
        var page = landed.AsPage();
        Assert.Equal("本人確認の結果を確認できませんでした", page.Document.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("IDX", page.Body);
        Assert.DoesNotContain("Exception", page.Body);
        Assert.Equal(0, await app.DbAsync(db => db.Set<ResidentAccount>().IgnoreQueryFilters().CountAsync(r => r.TenantId == tenant.Id)));
    }
}
