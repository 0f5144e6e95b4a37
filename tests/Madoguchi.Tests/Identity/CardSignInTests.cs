using System.Net;
using Madoguchi.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Identity;

/// <summary>Sign-in with the My Number card against the development provider, over real HTTP.</summary>
public sealed class CardSignInTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private Task<List<ResidentAccount>> AccountsAsync(Guid tenantId) =>
        app.DbAsync(db => db.Set<ResidentAccount>().IgnoreQueryFilters().Where(r => r.TenantId == tenantId).ToListAsync());

    [Fact]
    public async Task Card_persona_signs_in_and_sees_name_address_birthdate_in_wareki_and_card_level()
    {
        var tenant = await app.TenantAsync();
        var client = app.KestrelBrowser();

        var landed = await client.SignInAsPersonaAsync(tenant.Code, "yamada");

        Assert.Equal($"/{tenant.Code}/account", landed.Url.AbsolutePath);
        var page = landed.AsPage();
        Assert.Contains("山田 太郎", page.Text);
        Assert.Contains("宮城県塩竈市旭町1番1号", page.Text);
        Assert.Contains("昭和55年4月1日", page.Text);
        Assert.Contains("男性", page.Text);
        Assert.Contains("マイナンバーカード", page.Document.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()));

        var account = Assert.Single(await AccountsAsync(tenant.Id));
        Assert.Equal("山田 太郎", account.Name);
        Assert.Equal(new DateOnly(1980, 4, 1), account.BirthDate);
        Assert.Equal(ResidentGender.Male, account.Gender);
        Assert.Equal(AssuranceLevel.Card, account.Assurance);
        Assert.Equal($"{app.BaseAddress.GetLeftPart(UriPartial.Authority)}/dev-idp/", account.Issuer);
        Assert.False(string.IsNullOrEmpty(account.Subject));
    }

    [Fact]
    public async Task Signing_in_again_finds_the_same_account()
    {
        var tenant = await app.TenantAsync();
        await app.KestrelBrowser().SignInAsPersonaAsync(tenant.Code, "sato");
        var again = await app.KestrelBrowser().SignInAsPersonaAsync(tenant.Code, "sato");

        Assert.Contains("平成4年7月15日", again.AsPage().Text); // sent as YYYY-MM-DD by this persona
        var account = Assert.Single(await AccountsAsync(tenant.Id));
        Assert.Equal(ResidentGender.Female, account.Gender);
    }

    [Fact]
    public async Task Two_first_sign_ins_at_once_make_one_account_and_both_succeed()
    {
        var tenant = await app.TenantAsync();
        var both = await Task.WhenAll(
            app.KestrelBrowser().SignInAsPersonaAsync(tenant.Code, "yamada"),
            app.KestrelBrowser().SignInAsPersonaAsync(tenant.Code, "yamada"));
        Assert.All(both, step => Assert.Contains("山田", step.AsPage().Text));
        Assert.Single(await AccountsAsync(tenant.Id));
    }

    [Fact]
    public async Task Persona_without_card_gets_the_lower_level()
    {
        var tenant = await app.TenantAsync();
        var landed = await app.KestrelBrowser().SignInAsPersonaAsync(tenant.Code, "suzuki");

        var levels = landed.AsPage().Document.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains("パスワード", levels);
        Assert.DoesNotContain("マイナンバーカード", levels);
        Assert.Equal(AssuranceLevel.Password, Assert.Single(await AccountsAsync(tenant.Id)).Assurance);
    }

    [Fact]
    public async Task Persona_chooser_is_an_accessible_form_without_javascript()
    {
        var tenant = await app.TenantAsync();
        var chooser = await app.KestrelBrowser().OpenPersonaChooserAsync(tenant.Code);

        Assert.Empty(chooser.Document.QuerySelectorAll("script"));
        var radios = chooser.Document.QuerySelectorAll("input[type=radio][name=persona]");
        Assert.Equal(3, radios.Length);
        foreach (var radio in radios)
        {
            Assert.NotNull(chooser.Document.QuerySelector($"label[for='{radio.Id}']"));
        }

        Assert.Contains("キャンセル", chooser.Document.QuerySelectorAll("button").Select(b => b.TextContent));
        Assert.Equal("ja", chooser.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Choosing_no_persona_shows_a_Japanese_error_at_the_field()
    {
        var tenant = await app.TenantAsync();
        var client = app.KestrelBrowser();
        var chooser = await client.OpenPersonaChooserAsync(tenant.Code);

        var response = await client.SubmitAsync(chooser, new Dictionary<string, string>(), submitName: "submit.accept");

        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("ログインする人を選んでください。", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("true", page.QuerySelector("input[type=radio]")!.GetAttribute("aria-invalid"));
        Assert.Empty(await AccountsAsync(tenant.Id));
    }

    [Fact]
    public async Task Cancel_at_the_provider_shows_a_Japanese_error_page_and_creates_no_account()
    {
        var tenant = await app.TenantAsync();
        var client = app.KestrelBrowser();
        var chooser = await client.OpenPersonaChooserAsync(tenant.Code);

        var landed = await client.FollowAsync(await client.SubmitAsync(chooser, new Dictionary<string, string>(), submitName: "submit.cancel"));

        Assert.Equal($"/{tenant.Code}/account/sign-in-error", landed.Url.AbsolutePath);
        var page = landed.AsPage();
        Assert.Equal("ログインを中止しました", page.Document.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Exception", page.Body);
        Assert.Empty(await AccountsAsync(tenant.Id));
    }

    [Fact]
    public async Task Tampered_state_on_the_callback_is_refused_without_an_account()
    {
        var tenant = await app.TenantAsync();
        var client = app.KestrelBrowser();
        var chooser = await client.OpenPersonaChooserAsync(tenant.Code);
        var toCallback = await client.SubmitAsync(chooser, new Dictionary<string, string> { ["persona"] = "yamada" }, submitName: "submit.accept");
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        var callback = new Uri(toCallback.RequestMessage!.RequestUri!, toCallback.Headers.Location!);
        Assert.Equal("/signin-oidc", callback.AbsolutePath);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query);
        var state = query["state"].ToString();
        var tampered = state[..^4] + (state.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var landed = await client.GetFollowingAsync($"/signin-oidc?code={Uri.EscapeDataString(query["code"].ToString())}&state={Uri.EscapeDataString(tampered)}");

        Assert.EndsWith("/account/sign-in-error", landed.Url.AbsolutePath);
        Assert.Equal("ログインの有効期限が切れました", landed.AsPage().Document.QuerySelector("h1")!.TextContent);
        Assert.Empty(await AccountsAsync(tenant.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/{tenant.Code}/account")).StatusCode);
    }

    [Fact]
    public async Task Replayed_callback_from_another_browser_is_refused()
    {
        var tenant = await app.TenantAsync();
        var client = app.KestrelBrowser();
        var chooser = await client.OpenPersonaChooserAsync(tenant.Code);
        var toCallback = await client.SubmitAsync(chooser, new Dictionary<string, string> { ["persona"] = "yamada" }, submitName: "submit.accept");
        var callback = new Uri(toCallback.RequestMessage!.RequestUri!, toCallback.Headers.Location!);

        // Valid state, but without the correlation and nonce cookies of the browser that started the flow.
        var landed = await app.KestrelBrowser().GetFollowingAsync(callback.PathAndQuery);

        Assert.EndsWith("/account/sign-in-error", landed.Url.AbsolutePath);
        Assert.Empty(await AccountsAsync(tenant.Id));
    }

    [Fact]
    public async Task Resident_cookie_of_one_municipality_does_not_open_another_ones_account_page()
    {
        var a = await app.TenantAsync();
        var b = await app.TenantAsync();
        var client = app.KestrelBrowser();
        await client.SignInAsPersonaAsync(a.Code, "yamada");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{a.Code}/account")).StatusCode);

        var atB = await client.GetAsync($"/{b.Code}/account");

        Assert.Equal(HttpStatusCode.Redirect, atB.StatusCode);
        Assert.StartsWith($"/{b.Code}/account/login", atB.Headers.Location!.OriginalString);
        Assert.Empty(await AccountsAsync(b.Id));
    }

    [Fact]
    public async Task Account_page_without_sign_in_redirects_to_the_municipalitys_login()
    {
        var tenant = await app.TenantAsync();
        var response = await app.KestrelBrowser().GetAsync($"/{tenant.Code}/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/{tenant.Code}/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_is_a_post_with_antiforgery_and_ends_the_session()
    {
        var tenant = await app.TenantAsync();
        var client = app.KestrelBrowser();
        var account = (await client.SignInAsPersonaAsync(tenant.Code, "yamada")).AsPage();

        var forged = await client.PostAsync($"/{tenant.Code}/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{tenant.Code}/account")).StatusCode);

        var loggedOut = await client.SubmitAsync(account, new Dictionary<string, string>(), formSelector: $"form[action='/{tenant.Code}/account/logout']");
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/{tenant.Code}/account")).StatusCode);
    }

    [Fact]
    public async Task Login_sends_pkce_s256_acr_values_and_the_resident_scopes()
    {
        var tenant = await app.TenantAsync();
        var response = await app.KestrelBrowser().GetAsync($"/{tenant.Code}/account/login");

        Assert.True(HttpStatusCode.Redirect == response.StatusCode, await response.Content.ReadAsStringAsync());
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code_challenge"].ToString()));
        Assert.Equal("aal3 crl", query["acr_values"].ToString());
        Assert.Equal("openid name address birthdate gender", query["scope"].ToString());
        Assert.False(string.IsNullOrEmpty(query["nonce"].ToString()));
        Assert.False(string.IsNullOrEmpty(query["state"].ToString()));
        Assert.EndsWith("/signin-oidc", query["redirect_uri"].ToString());
    }
}
