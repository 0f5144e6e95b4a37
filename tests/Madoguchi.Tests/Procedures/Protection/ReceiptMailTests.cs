using System.Net;
using System.Text.RegularExpressions;
using Madoguchi.Platform.Mail;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Procedures.Protection;

/// <summary>A resident who signed in with the card (no e-mail claim) adds and verifies an address and gets receipt mails there.</summary>
public sealed partial class ReceiptMailTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    [GeneratedRegex(@"https?://\S+/account/verify-email\?\S+")]
    private static partial Regex VerificationLink();

    private async Task<Guid> FilledDraftAsync(HttpClient resident, string code)
    {
        var id = (await resident.StartAsync(code, "risai-shoumei")).ApplicationId();
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, SampleApplications.For("risai-shoumei"))));
        return id;
    }

    private Task<List<OutboxMail>> MailsToAsync(string email) =>
        app.DbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).OrderBy(m => m.CreatedAt).ToListAsync());

    [Fact]
    public async Task A_card_resident_adds_an_address_and_receipts_go_there_once_it_is_verified()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, "risai-shoumei");
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");
        var email = $"yamada-{Guid.NewGuid():N}@example.jp";

        var account = (await resident.GetFollowingAsync($"/{tenant.Code}/account")).AsPage();
        Assert.Contains("未登録", account.Text);
        var form = (await resident.GetFollowingAsync($"/{tenant.Code}/account/email")).AsPage();

        // A malformed address: a Japanese message at the field and in the summary, nothing stored.
        var bad = await resident.SubmitAsync(form, new Dictionary<string, string> { ["Input.Email"] = "yamada@" });
        var badPage = Html.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("メールアドレスの形式が正しくありません。", badPage.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("true", badPage.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));

        var sent = await resident.SubmitAsync(form, new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("確認のメールを送りました。", await sent.Content.ReadAsStringAsync());
        var verification = Assert.Single(await MailsToAsync(email));

        // Not yet verified: the receipt is not mailed to an address nobody proved.
        var firstNumber = await resident.SubmitFromCheckPageAsync(tenant.Code, await FilledDraftAsync(resident, tenant.Code));
        Assert.Single(await MailsToAsync(email));

        var link = new Uri(VerificationLink().Match(verification.TextBody).Value).PathAndQuery;
        var confirmed = await resident.SubmitAsync(await resident.GetPageAsync(link), new Dictionary<string, string>());
        Assert.Contains("メールアドレスを確認しました。", await confirmed.Content.ReadAsStringAsync());
        Assert.Contains("確認済み", (await resident.GetFollowingAsync($"/{tenant.Code}/account")).AsPage().Text);

        var secondNumber = await resident.SubmitFromCheckPageAsync(tenant.Code, await FilledDraftAsync(resident, tenant.Code));
        Assert.NotEqual(firstNumber, secondNumber);
        var receipt = (await MailsToAsync(email)).Last();
        Assert.Contains(secondNumber, receipt.Subject);
        Assert.Contains($"到達番号：{secondNumber}", receipt.TextBody);
        Assert.Equal(tenant.Id, receipt.TenantId);
    }

    [Fact]
    public async Task An_address_another_account_already_proved_is_not_taken_over()
    {
        var tenant = await app.TenantAsync();
        var email = $"shared-{Guid.NewGuid():N}@example.jp";
        var first = app.KestrelBrowser();
        await first.SignInAsPersonaAsync(tenant.Code, "yamada");
        var second = app.KestrelBrowser();
        await second.SignInAsPersonaAsync(tenant.Code, "sato");
        foreach (var client in new[] { first, second })
        {
            await client.SubmitAsync($"/{tenant.Code}/account/email", new Dictionary<string, string> { ["Input.Email"] = email });
        }

        var links = (await MailsToAsync(email)).Select(m => new Uri(VerificationLink().Match(m.TextBody).Value).PathAndQuery).ToList();
        Assert.Equal(2, links.Count);
        var confirmed = await first.SubmitAsync(await first.GetPageAsync(links[0]), new Dictionary<string, string>());
        Assert.Contains("メールアドレスを確認しました。", await confirmed.Content.ReadAsStringAsync());
        var refused = await second.SubmitAsync(await second.GetPageAsync(links[1]), new Dictionary<string, string>());
        Assert.Contains("確認できませんでした", await refused.Content.ReadAsStringAsync());
    }
}
