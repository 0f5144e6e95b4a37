using System.Net;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Procedures.Protection;

/// <summary>Once-only: known data fills a new draft only with the resident's consent, and only their own.</summary>
public sealed class PrefillTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private const string Key = "risai-shoumei";

    private Task<JsonObject> DataAsync(Guid id) =>
        app.DbAsync(async db => JsonNode.Parse(await db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.Data).SingleAsync())!.AsObject());

    /// <summary>Sato (card) applies once with her own phone and kana, typed as the sample.</summary>
    private async Task<HttpClient> SatoWithAnEarlierApplicationAsync(TestData.TenantInfo tenant, string phone)
    {
        var sato = app.KestrelBrowser();
        await sato.SignInAsPersonaAsync(tenant.Code, "sato");
        var id = (await sato.StartAsync(tenant.Code, Key)).ApplicationId();
        var data = JsonNode.Parse(SampleApplications.For(Key))!.AsObject();
        data["applicant"]!["name"] = "佐藤 花子";
        data["applicant"]!["nameKana"] = "サトウ ハナコ";
        data["applicant"]!["phone"] = phone;
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, data.ToJsonString())));
        await sato.SubmitFromCheckPageAsync(tenant.Code, id);
        return sato;
    }

    [Fact]
    public async Task Without_consent_nothing_is_filled()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, Key);
        var sato = await SatoWithAnEarlierApplicationAsync(tenant, "022-111-2222");

        var start = (await sato.GetFollowingAsync($"/{tenant.Code}/procedures/{Key}/apply")).AsPage();
        var box = start.Document.QuerySelector("input[type=checkbox][name=UsePrefill]")!;
        Assert.False(box.HasAttribute("checked"));
        Assert.NotNull(start.Document.QuerySelector($"label[for={box.Id}]"));

        var first = await sato.StartAsync(tenant.Code, Key, prefill: false);
        Assert.Empty(await DataAsync(first.ApplicationId()));
        Assert.DoesNotContain("022-111-2222", first.Body);
        Assert.DoesNotContain("次の項目を入力しました", first.Body);
    }

    [Fact]
    public async Task With_consent_the_card_facts_and_the_residents_own_earlier_answers_fill_the_applicant_editable()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, Key);
        var sato = await SatoWithAnEarlierApplicationAsync(tenant, "022-333-4444");

        var first = await sato.StartAsync(tenant.Code, Key, prefill: true);
        var applicant = (await DataAsync(first.ApplicationId()))["applicant"]!.AsObject();
        Assert.Equal("佐藤 花子", (string?)applicant["name"]);                        // the card
        Assert.Equal("1992-07-15", (string?)applicant["birthDate"]);                  // the card
        Assert.Equal("宮城県大崎市古川七日町1番1号", (string?)applicant["address"]);     // the card, over the earlier answer
        Assert.Equal("サトウ ハナコ", (string?)applicant["nameKana"]);                 // her earlier application
        Assert.Equal("022-333-4444", (string?)applicant["phone"]);
        Assert.Equal("861-0000", (string?)applicant["postalCode"]);
        // Only the applicant: the damaged property's address is another person's or place's fact.
        Assert.Null((await DataAsync(first.ApplicationId()))["property"]);

        // Shown as prefilled, in editable inputs.
        var page = first.AsPage();
        Assert.Contains("次の項目を入力しました", page.Text);
        var phone = page.Document.QuerySelector("input[name='/applicant/phone']")!;
        Assert.Equal("022-333-4444", phone.GetAttribute("value"));
        Assert.False(phone.HasAttribute("readonly"));
        var changed = await sato.SubmitAsync(page, new Dictionary<string, string> { ["/applicant/phone"] = "022-555-6666", ["_go"] = "save" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("022-555-6666", (string?)(await DataAsync(first.ApplicationId()))["applicant"]!["phone"]);
    }

    [Fact]
    public async Task Nothing_of_another_resident_is_ever_offered()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, Key);
        await SatoWithAnEarlierApplicationAsync(tenant, "022-777-8888");

        var yamada = app.KestrelBrowser();
        await yamada.SignInAsPersonaAsync(tenant.Code, "yamada");
        var first = await yamada.StartAsync(tenant.Code, Key, prefill: true);
        var data = await DataAsync(first.ApplicationId());
        var json = data.ToJsonString();
        Assert.Equal("山田 太郎", (string?)data["applicant"]!["name"]);
        Assert.Equal("1980-04-01", (string?)data["applicant"]!["birthDate"]);
        Assert.DoesNotContain("022-777-8888", json);
        Assert.DoesNotContain("サトウ", json);
        Assert.DoesNotContain("861-0000", json);
        Assert.DoesNotContain("022-777-8888", first.Body);
    }

    [Fact]
    public async Task A_draft_already_being_filled_is_not_overwritten()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, Key);
        var sato = await SatoWithAnEarlierApplicationAsync(tenant, "022-999-0000");
        var first = await sato.StartAsync(tenant.Code, Key);
        await sato.SubmitAsync(first.AsPage(), new Dictionary<string, string> { ["/applicant/phone"] = "090-0000-1111", ["_go"] = "save" });

        var resumed = await sato.StartAsync(tenant.Code, Key, prefill: true);
        Assert.Equal(first.ApplicationId(), resumed.ApplicationId());
        var applicant = (await DataAsync(resumed.ApplicationId()))["applicant"]!.AsObject();
        Assert.Equal("090-0000-1111", (string?)applicant["phone"]);
        Assert.Null(applicant["name"]);
    }
}
