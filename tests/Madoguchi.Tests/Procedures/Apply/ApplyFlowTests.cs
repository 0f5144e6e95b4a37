using System.Net;
using System.Text;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Apply;

/// <summary>A resident signed in through the (real OIDC) dev provider applies in the browser, without JavaScript.</summary>
public sealed class ApplyFlowTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private const string Key = "risai-shoumei";

    private async Task<TestData.TenantInfo> TenantOfferingAsync(string key = Key)
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, key);
        return tenant;
    }

    private static async Task<SignInFlow.Step> StartAsync(HttpClient resident, string code, string key = Key)
    {
        var start = (await resident.GetFollowingAsync($"/{code}/procedures/{key}/apply")).AsPage();
        return await resident.FollowAsync(await resident.SubmitAsync(start, new Dictionary<string, string>()));
    }

    [Fact]
    public async Task Resident_starts_gets_field_errors_resumes_checks_and_submits_once()
    {
        var tenant = await TenantOfferingAsync();
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");

        // The detail page leads to the first page of the form.
        var first = await StartAsync(resident, tenant.Code);
        Assert.Matches("/applications/[0-9a-f-]+/pages/0$", first.Url.AbsolutePath);
        var page = first.AsPage();
        Assert.NotNull(page.Document.QuerySelector("main form input[name='_version']"));

        // 次へ with nothing filled: Japanese messages next to the fields and in the summary, still page 0.
        var empty = await resident.SubmitAsync(page, new Dictionary<string, string> { ["_go"] = "next" });
        var emptyPage = Html.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotEmpty(emptyPage.QuerySelectorAll(".error-summary li"));
        Assert.NotEmpty(emptyPage.QuerySelectorAll("[aria-invalid=true]"));

        // Leave, come back through 申請一覧, and the same draft is resumed.
        var list = (await resident.GetFollowingAsync($"/{tenant.Code}/account/applications")).AsPage();
        var resume = list.Document.QuerySelector("td a")!.GetAttribute("href")!;
        Assert.Contains("/pages/", resume);
        var applicationId = Guid.Parse(resume.Split('/')[3]);

        // The rest of the pages are filled as the sample application (validated against the schema elsewhere).
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == applicationId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, SampleApplications.For(Key))));

        var check = (await resident.GetFollowingAsync($"/{tenant.Code}/applications/{applicationId}/check")).AsPage();
        Assert.Empty(check.Document.QuerySelectorAll(".error-summary"));
        Assert.Contains("令和", check.Text);

        // A double click on 申請する: one number, the second post lands on the same receipt.
        var posts = await Task.WhenAll(resident.SubmitAsync(check, new Dictionary<string, string>()), resident.SubmitAsync(check, new Dictionary<string, string>()));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        var receipt = (await resident.FollowAsync(posts[0])).AsPage();
        var number = receipt.Document.QuerySelector(".receipt-number")!.TextContent;
        Assert.Matches(@"^\d{4}-0000001$", number);
        Assert.Contains("到達日時", receipt.Text);
        var stored = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.TenantId == tenant.Id).ToListAsync());
        Assert.Equal(number, Assert.Single(stored).ReceiptNumber);

        // A submitted application can no longer be edited through its pages.
        var edit = await resident.GetAsync($"/{tenant.Code}/applications/{applicationId}/pages/0");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.EndsWith("/receipt", edit.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Another_resident_cannot_open_or_submit_my_application()
    {
        var tenant = await TenantOfferingAsync();
        var owner = app.KestrelBrowser();
        await owner.SignInAsPersonaAsync(tenant.Code, "yamada");
        var first = await StartAsync(owner, tenant.Code);
        var pagePath = first.Url.AbsolutePath;
        var id = pagePath.Split('/')[3];

        var stranger = app.KestrelBrowser();
        await stranger.SignInAsPersonaAsync(tenant.Code, "sato");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(pagePath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{tenant.Code}/applications/{id}/check")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{tenant.Code}/applications/{id}/receipt")).StatusCode);
    }

    [Fact]
    public async Task A_procedure_that_needs_the_card_asks_a_password_resident_to_sign_in_with_the_card()
    {
        var tenant = await TenantOfferingAsync("ninshin-todoke");
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "suzuki"); // no card: the lower level
        var start = (await resident.GetFollowingAsync($"/{tenant.Code}/procedures/ninshin-todoke/apply")).AsPage();
        Assert.Contains("マイナンバーカードでのログインが必要です", start.Text);
        Assert.Null(start.Document.QuerySelector("main form[method=post]"));

        // Posting anyway (a valid token taken from another form of the same session) starts nothing.
        var account = (await resident.GetFollowingAsync($"/{tenant.Code}/account")).AsPage();
        var token = account.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await resident.PostAsync($"/{tenant.Code}/procedures/ninshin-todoke/apply",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().CountAsync(a => a.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task An_attachment_whose_bytes_are_not_an_allowed_type_is_refused_at_the_field()
    {
        var tenant = await TenantOfferingAsync();
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");
        var first = await StartAsync(resident, tenant.Code);
        var template = TemplateLibrary.Embedded.Find(Key)!;
        var (pageIndex, attachment) = template.Layout.Pages
            .SelectMany((p, i) => p.Sections.SelectMany(s => s.Fields).Where(f => f.Attachment is not null).Select(f => (i, f.Attachment!)))
            .First();
        var url = first.Url.AbsolutePath.Replace("/pages/0", $"/pages/{pageIndex}", StringComparison.Ordinal);
        var page = (await resident.GetFollowingAsync(url)).AsPage();

        using var form = new MultipartFormDataContent();
        foreach (var hidden in page.Document.QuerySelectorAll("main form input[type=hidden]"))
        {
            form.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        form.Add(new StringContent("save"), "_go");
        // A script renamed to .jpg: the name and the declared type say image, the bytes do not.
        var fake = new ByteArrayContent(Encoding.UTF8.GetBytes("<script>alert(1)</script>"));
        fake.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        form.Add(fake, $"file:{attachment}", "photo.jpg");
        var response = await resident.PostAsync(url, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("このファイルの形式は受け付けられません", body);
        Assert.Equal(0, await app.DbAsync(db => db.Set<ApplicationAttachment>().IgnoreQueryFilters().CountAsync(a => a.TenantId == tenant.Id)));
    }
}
