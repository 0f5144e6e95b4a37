using System.Net;
using System.Text.Json;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Counter.Assisted;

/// <summary>A counter application reaches the resident's 申請一覧 only when the visitor is certainly the account's holder.</summary>
public sealed class AccountLinkTests(CounterIdpApp app) : IClassFixture<CounterIdpApp>
{
    // The development provider's persona 山田 太郎 signs in with the card: these are his card's facts.
    private static readonly string YamadaCard = JsonSerializer.Serialize(new
    {
        version = 1, name = "山田 太郎", address = "宮城県塩竈市旭町1番1号", birthDate = "1980-04-01", gender = "男",
    });

    private async Task<(string Number, Guid? ResidentId)> SubmitAtCounterAsync(TestData.TenantInfo tenant, HttpClient staff, Page identified)
    {
        var visit = await staff.StartVisitAsync(identified, await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut));
        await staff.FillMovingOutAsync(tenant.Code, visit, 0, kana: "ヤマダ　タロウ"); // not in the register: the card has no フリガナ
        Assert.Equal(HttpStatusCode.Redirect, (await staff.VisitorConfirmsAsync(tenant.Code, visit)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitVisitAsync(tenant.Code, visit)).StatusCode);
        return await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters()
            .Where(a => a.TenantId == tenant.Id && a.Status == ApplicationStatus.Submitted).OrderByDescending(a => a.SubmittedAt)
            .Select(a => new ValueTuple<string, Guid?>(a.ReceiptNumber!, a.ResidentId)).FirstAsync());
    }

    [Fact]
    public async Task The_card_holders_account_sees_the_counter_application_a_typed_identity_does_not_link()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, CounterScenario.MovingOut);
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");

        var (_, staff) = await app.CounterStaffAsync(tenant, client: app.KestrelBrowser());
        var identified = await staff.IdentifyByCardAsync(tenant.Code, YamadaCard);
        Assert.Contains("本人のアカウントとつながります", identified.Text);
        var (linked, residentId) = await SubmitAtCounterAsync(tenant, staff, identified);
        Assert.NotNull(residentId);

        var list = (await resident.GetFollowingAsync($"/{tenant.Code}/account/applications")).AsPage();
        Assert.Contains(linked, list.Text);

        // The same facts typed by staff prove nothing: not linked, not in the list.
        var start = await staff.GetPageAsync($"/{tenant.Code}/staff/counter/assisted");
        var typed = await staff.SubmitAsync(start, new Dictionary<string, string>
        {
            ["TypedName"] = "山田 太郎", ["TypedBirthDate"] = "1980-04-01", ["TypedAddress"] = "宮城県塩竈市旭町1番1号",
        }, "main form[action*='handler=Typed']");
        var typedPage = new Page(start.Url, Html.Parse(await typed.Content.ReadAsStringAsync()), "");
        Assert.Contains("つながっていません", typedPage.Text);
        var (unlinked, none) = await SubmitAtCounterAsync(tenant, staff, typedPage);
        Assert.Null(none);
        list = (await resident.GetFollowingAsync($"/{tenant.Code}/account/applications")).AsPage();
        Assert.DoesNotContain(unlinked, list.Text);
        Assert.Contains(linked, list.Text);
    }
}
