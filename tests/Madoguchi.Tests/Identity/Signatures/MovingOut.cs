using System.Net;
using System.Net.Http.Headers;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>A 転出届 (signature required) started by 山田 太郎 signed in with the card, and the steps of signing it over HTTP.</summary>
public static class MovingOut
{
    public const string Key = "tenshutsu-tennyu-yoyaku";

    /// <summary>Filled in as 山田 太郎 of the dev provider would (his card's name, address and birth date).</summary>
    public const string Sample = """
        {
          "currentAddress": "宮城県塩竈市旭町1番1号",
          "contact": { "phone": "022-364-1111", "email": "yamada@example.jp" },
          "movers": [ { "name": "山田 太郎", "nameKana": "ヤマダ タロウ", "birthDate": "1980-04-01", "relationship": "本人" } ],
          "moveDate": "2027-03-20",
          "newPostalCode": "980-8671",
          "newAddress": "宮城県仙台市青葉区国分町3丁目7番1号",
          "newHouseholdHead": { "name": "山田 太郎", "relationship": "本人" },
          "visitDate": "2027-03-25",
          "relatedServices": ["国民健康保険"],
          "confirmMoveIn": true
        }
        """;

    public sealed record Draft(TestData.TenantInfo Tenant, HttpClient Resident, Guid Id)
    {
        public string SignPage => $"/{Tenant.Code}/applications/{Id}/sign";
        public string CheckPage => $"/{Tenant.Code}/applications/{Id}/check";
    }

    public static async Task<Draft> StartAsync(SignatureApp app)
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, Key);
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");
        var start = (await resident.GetFollowingAsync($"/{tenant.Code}/procedures/{Key}/apply")).AsPage();
        var first = await resident.FollowAsync(await resident.SubmitAsync(start, new Dictionary<string, string>()));
        var id = Guid.Parse(first.Url.AbsolutePath.Split('/')[3]);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, Sample)));
        return new Draft(tenant, resident, id);
    }

    /// <summary>The exact bytes to sign, as the sign page offers them for download.</summary>
    public static async Task<byte[]> DocumentAsync(this Draft draft)
    {
        var response = await draft.Resident.GetAsync(draft.SignPage + "?handler=Document");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Uploads a signature file through the sign page's form (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this Draft draft, byte[] signature)
    {
        var page = await draft.Resident.GetPageAsync(draft.SignPage);
        var form = page.Document.QuerySelector("form[action*='handler=Upload']")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(signature);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pkcs7-signature");
        content.Add(file, "signatureFile", "application.p7s");
        return await draft.Resident.PostAsync(form.GetAttribute("action"), content);
    }

    /// <summary>Signs with the app: the sign page's button, the service's card page, back through the callback.</summary>
    public static async Task<SignInFlow.Step> SignWithAppAsync(this Draft draft, string card, string decision = "sign")
    {
        var page = await draft.Resident.GetPageAsync(draft.SignPage);
        var toService = await draft.Resident.SubmitAsync(page, new Dictionary<string, string>(), "form[action*='handler=App']");
        Assert.Equal(HttpStatusCode.Redirect, toService.StatusCode);
        var service = await draft.Resident.FollowAsync(toService);
        var servicePage = service.AsPage();
        var back = await draft.Resident.SubmitAsync(servicePage, new Dictionary<string, string> { ["card"] = card, ["decision"] = decision }, "form");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return await draft.Resident.FollowAsync(back);
    }
}
