using System.Net;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Platform.Staff;

public sealed class StaffSignInTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static Dictionary<string, string> Credentials(string email, string password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task Reviewer_signs_in_with_password_and_lands_on_own_municipality()
    {
        var tenant = await app.TenantAsync();
        var reviewer = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var client = await app.SignInAsync(reviewer);

        var home = await client.GetAsync("/staff");
        Assert.Equal($"/{tenant.Code}/staff", home.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync($"/{tenant.Code}/staff");
        Assert.Contains("市民課 審査担当", page.Text);
    }

    [Fact]
    public async Task Wrong_password_shows_Japanese_error_in_summary_and_five_failures_lock_the_account()
    {
        var tenant = await app.TenantAsync();
        var staff = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var client = app.Browser();

        var first = await client.SubmitAsync("/staff/login", Credentials(staff.Email, "wrong-password-1"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = Html.Parse(await first.Content.ReadAsStringAsync());
        Assert.Contains("メールアドレスまたはパスワードが正しくありません。", page.QuerySelector(".error-summary")!.TextContent);

        for (var i = 0; i < 4; i++)
        {
            await client.SubmitAsync("/staff/login", Credentials(staff.Email, "wrong-password-1"));
        }

        var locked = await client.SubmitAsync("/staff/login", Credentials(staff.Email, staff.Password));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("一時的にロックされています", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Empty_and_malformed_input_gets_messages_at_the_field_and_in_the_summary()
    {
        var response = await app.Browser().SubmitAsync("/staff/login", Credentials("not-an-address", ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("メールアドレスの形式が正しくありません。", page.QuerySelector("#Input_Email-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));
        Assert.Equal("パスワードを入力してください。", page.QuerySelector("#Input_Password-error")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll(".error-summary li").Length);
    }

    [Fact]
    public async Task Script_in_input_is_shown_as_text_never_rendered()
    {
        var response = await app.Browser().SubmitAsync("/staff/login", Credentials("<script>alert(1)</script>@example.jp", "x"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", body);
        Assert.Contains("&lt;script&gt;", body);
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_rejected_with_400()
    {
        var client = app.Browser();
        var response = await client.PostAsync("/staff/login", new FormUrlEncodedContent(Credentials("a@example.jp", "whatever")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("リクエストを処理できませんでした", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_without_second_factor_must_enrol_TOTP_before_any_admin_page()
    {
        var tenant = await app.TenantAsync();
        var admin = await app.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var client = await app.SignInAsync(admin);

        var members = await client.GetAsync($"/{tenant.Code}/staff/members");
        Assert.Equal(HttpStatusCode.Redirect, members.StatusCode);
        Assert.Equal("/staff/two-factor", members.Headers.Location!.OriginalString);

        var setup = await client.GetPageAsync("/staff/two-factor");
        var key = setup.Document.QuerySelector("code")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotNull(setup.Document.QuerySelector(".qr svg[role=img]"));

        var wrong = await client.SubmitAsync(setup, new Dictionary<string, string> { ["Code"] = "000000" }, "form[action*=Enable]");
        Assert.Contains("確認コードが正しくありません", await wrong.Content.ReadAsStringAsync());

        var enabled = await client.SubmitAsync("/staff/two-factor", new Dictionary<string, string> { ["Code"] = StaffSession.TotpCode(key) }, "form[action*=Enable]");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{tenant.Code}/staff/members")).StatusCode);

        // The next sign-in asks for the code.
        var again = await app.SignInAsync(admin, key);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/{tenant.Code}/staff/members")).StatusCode);
    }

    [Fact]
    public async Task Staff_of_one_municipality_cannot_open_another_municipalitys_staff_pages()
    {
        var a = await app.TenantAsync();
        var b = await app.TenantAsync();
        var reviewer = await app.StaffAsync(a, (StaffRoleKind.Reviewer, a.DepartmentId));
        var client = await app.SignInAsync(reviewer);
        var response = await client.GetAsync($"/{b.Code}/staff");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("このページを表示する権限がありません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reviewer_is_not_allowed_on_admin_pages()
    {
        var tenant = await app.TenantAsync();
        var reviewer = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var client = await app.SignInAsync(reviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/{tenant.Code}/staff/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/{tenant.Code}/staff/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_the_login_page()
    {
        var tenant = await app.TenantAsync();
        var response = await app.Browser().GetAsync($"/{tenant.Code}/staff/members");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/login", response.Headers.Location!.PathAndQuery.Length > 0 ? new Uri(new Uri("http://x"), response.Headers.Location).PathAndQuery : "");
    }
}

public sealed class SignInRateLimitTests(SignInRateLimitTests.App app) : IClassFixture<SignInRateLimitTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App() => With("Platform:SignInAttemptsPerMinute", "3");
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429_in_Japanese()
    {
        var client = app.Browser();
        var page = await client.GetPageAsync("/staff/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var r = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Email"] = "x@example.jp", ["Input.Password"] = "wrong-password" });
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("しばらく時間をおいてください", await r.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}

/// <summary>Behind a reverse proxy on the same host, limits count the resident's address, not the proxy's.</summary>
public sealed class ForwardedAddressTests(ForwardedAddressTests.App app) : IClassFixture<ForwardedAddressTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App()
        {
            With("Platform:SignInAttemptsPerMinute", "1");
            OnKestrel();
        }
    }

    [Fact]
    public async Task Each_forwarded_address_has_its_own_sign_in_limit()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.BaseAddress };
        var page = await client.GetPageAsync("/staff/login");
        async Task<HttpStatusCode> AttemptFromAsync(string address)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            return (await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Email"] = "x@example.jp", ["Input.Password"] = "wrong-password" })).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await AttemptFromAsync("203.0.113.10"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptFromAsync("203.0.113.10"));
        Assert.Equal(HttpStatusCode.OK, await AttemptFromAsync("203.0.113.11"));
    }
}
