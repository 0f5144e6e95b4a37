using System.Net;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Payments;

/// <summary>Steps of a resident applying for 住民票の写し and paying, without JavaScript.</summary>
public static class PaymentFlow
{
    public const string Key = "juminhyo-no-utsushi";

    public static string Answers(int copies, string purpose = "年金の手続") => $$"""
        {
          "requester": { "name": "山田 太郎", "nameKana": "ヤマダ タロウ", "birthDate": "1980-04-01", "address": "宮城県塩竈市旭町1番1号", "phone": "022-364-1111" },
          "scope": "本人のみ",
          "copies": {{copies}},
          "purpose": "{{purpose}}"
        }
        """;

    /// <summary>A signed-in resident with a filled draft for <paramref name="copies"/> copies; returns the client and the application id.</summary>
    public static async Task<(HttpClient Resident, Guid ApplicationId)> DraftAsync(MadoguchiApp app, TestData.TenantInfo tenant, int copies, string persona = "yamada", string purpose = "年金の手続")
    {
        (app as PaymentsApp)?.Start();
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, persona);
        var start = (await resident.GetFollowingAsync($"/{tenant.Code}/procedures/{Key}/apply")).AsPage();
        var first = await resident.FollowAsync(await resident.SubmitAsync(start, new Dictionary<string, string>()));
        var id = Guid.Parse(first.Url.AbsolutePath.Split('/')[3]);
        var answers = Answers(copies, purpose);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, answers)));
        return (resident, id);
    }

    /// <summary>Stripe's documented test card numbers, as a resident types them.</summary>
    public const string SucceedsCard = "4242 4242 4242 4242";
    public const string ThreeDSecureCard = "4000 0027 6000 3184";
    public const string DeclinedCard = "4000 0000 0000 0002";
    public const string InsufficientFundsCard = "4000 0000 0000 9995";

    /// <summary>Posts the pay form as rendered and returns the provider's hosted card page it sends the resident to (303).</summary>
    public static async Task<Uri> StartPaymentAsync(HttpClient resident, string code, Guid applicationId)
    {
        var pay = await resident.GetPageAsync($"/{code}/payments/applications/{applicationId}");
        var post = await resident.SubmitAsync(pay, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        return post.Headers.Location!;
    }

    /// <summary>Types a card on the provider's hosted page; returns the provider's answer (not followed).</summary>
    public static async Task<HttpResponseMessage> EnterCardAsync(HttpClient resident, Uri checkout, string number, string expiry = "12/34", string cvc = "123")
    {
        var page = await resident.GetPageAsync(checkout.ToString());
        Assert.Contains("カードでのお支払い", page.Text);
        return await resident.SubmitAsync(page, new Dictionary<string, string>
        {
            ["cardnumber"] = number, ["exp"] = expiry, ["cvc"] = cvc, ["name"] = "TARO YAMADA",
        });
    }

    /// <summary>
    /// On the hosted page the resident types the 3-D Secure test card, authenticates on the issuer's
    /// page and is sent back; returns the redirect to the platform's return page (not yet followed).
    /// </summary>
    public static async Task<Uri> AuthenticateAsync(HttpClient resident, Uri checkout)
    {
        var entered = await EnterCardAsync(resident, checkout, ThreeDSecureCard);
        Assert.Equal(HttpStatusCode.SeeOther, entered.StatusCode);
        var challenge = await resident.GetPageAsync(entered.Headers.Location!.ToString());
        Assert.Contains("本人認証", challenge.Text);
        var done = await resident.SubmitAsync(challenge, new Dictionary<string, string> { ["result"] = "complete" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        using var back = await resident.GetAsync(done.Headers.Location);
        Assert.Equal(HttpStatusCode.SeeOther, back.StatusCode);
        return back.Headers.Location!;
    }
}

/// <summary>A fee paid online end to end, for the staff-side tests.</summary>
public static class PaidFees
{
    public static async Task<(HttpClient Resident, Guid ApplicationId, Madoguchi.Payments.Ledger.Payment Payment)> PaidAsync(PaymentsApp app, TestData.TenantInfo tenant, int copies = 2)
    {
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies);
        var back = await PaymentFlow.AuthenticateAsync(resident, await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id));
        await resident.FollowAsync(await resident.GetAsync(back));
        await app.Stripe.State.DeliveredAsync();
        var payment = await app.DbAsync(db => db.Set<Madoguchi.Payments.Ledger.Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == id));
        Assert.Equal(Madoguchi.Payments.Ledger.PaymentStatus.Succeeded, payment.Status);
        return (resident, id, payment);
    }
}
