using System.Net;
using System.Text.Json.Nodes;
using Madoguchi.Payments.Accounts;
using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Payments;

/// <summary>
/// Per-municipality provider accounts: one municipality enters its own Stripe keys (sealed, never
/// shown back) and is paid on its own account with its own webhook endpoint; another keeps the
/// installation's. The local server checks the Bearer key per account; a webhook signed with the
/// other account's secret is refused or changes nothing.
/// </summary>
public sealed class ProviderAccountTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task<HttpClient> AdminAsync(TestData.TenantInfo tenant)
    {
        var staff = await app.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var totp = await app.EnableTotpAsync(staff);
        var client = app.KestrelBrowser();
        var login = await client.SubmitAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = staff.Email, ["Input.Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(login.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = StaffSession.TotpCode(totp) })).StatusCode);
        return client;
    }

    private Task<Payment> PaymentAsync(Guid applicationId) =>
        app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == applicationId));

    [Fact]
    public async Task A_municipality_paid_on_its_own_account_and_another_on_the_installations_never_cross()
    {
        app.Start();
        var own = await app.TenantAsync();
        var shared = await app.TenantAsync();
        await app.OfferAsync(own, PaymentFlow.Key);
        await app.OfferAsync(shared, PaymentFlow.Key);
        var ownKey = "sk_test_own" + Guid.NewGuid().ToString("N");
        var ownWebhook = "whsec_own" + Guid.NewGuid().ToString("N");
        app.Stripe.State.AddAccount(ownKey, ownWebhook, new Uri(app.BaseAddress, $"/payments/webhooks/stripe/{own.Code}").ToString());

        // The admin enters the keys; bad ones are told at their fields and nothing is saved.
        var admin = await AdminAsync(own);
        var url = $"/{own.Code}/staff/payments/provider-account";
        Assert.NotNull((await admin.GetPageAsync($"/{own.Code}/staff/payments")).Document.QuerySelector($"a[href='{url}']"));
        var page = await admin.GetPageAsync(url);
        Assert.Contains("全体の設定のアカウント", page.Document.QuerySelector(".account-state")!.TextContent);
        Assert.EndsWith($"/payments/webhooks/stripe/{own.Code}", page.Document.QuerySelector(".webhook-url")!.TextContent);
        var refused = await admin.SubmitAsync(page, new Dictionary<string, string> { ["SecretKey"] = "pk_test_publishable0000", ["WebhookSecret"] = "secret" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("sk_live_", refusedPage.QuerySelector("#SecretKey-error")!.TextContent);
        Assert.Contains("whsec_", refusedPage.QuerySelector("#WebhookSecret-error")!.TextContent);
        Assert.Equal(2, refusedPage.QuerySelectorAll(".error-summary li").Length);
        Assert.DoesNotContain("pk_test_publishable0000", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.DbAsync(db => db.Set<ProviderAccount>().IgnoreQueryFilters().CountAsync(a => a.TenantId == own.Id)));

        var saved = await admin.SubmitAsync(page, new Dictionary<string, string> { ["SecretKey"] = ownKey, ["WebhookSecret"] = ownWebhook });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var shown = await admin.GetAsync(url);
        var shownHtml = await shown.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ownKey, shownHtml);
        Assert.DoesNotContain(ownWebhook, shownHtml);
        var shownPage = Html.Parse(shownHtml);
        Assert.Equal($"設定済み（末尾 {ownKey[^4..]}）", shownPage.QuerySelector(".secret-key-state")!.TextContent);
        Assert.Equal($"設定済み（末尾 {ownWebhook[^4..]}）", shownPage.QuerySelector(".webhook-secret-state")!.TextContent);
        var row = await app.DbAsync(db => db.Set<ProviderAccount>().IgnoreQueryFilters().SingleAsync(a => a.TenantId == own.Id));
        Assert.StartsWith("enc:v1:", row.SecretKeySealed);
        Assert.DoesNotContain(ownKey[8..], row.SecretKeySealed);
        Assert.StartsWith("enc:v1:", row.WebhookSecretSealed);
        var audited = await app.DbAsync(db => db.Set<AuditEntry>().IgnoreQueryFilters().Where(e => e.EntityId == row.Id.ToString()).Select(e => e.Changes).ToListAsync());
        Assert.NotEmpty(audited);
        Assert.All(audited, changes => Assert.DoesNotContain(ownKey, changes));

        // Staff who are not the municipality's admin cannot open it; another municipality's admin sees its own state.
        var reviewer = await app.SignInAsync(await app.StaffAsync(own, (StaffRoleKind.Reviewer, own.DepartmentId)), client: app.KestrelBrowser());
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(url)).StatusCode);

        // The municipality with its own account: its session is made with its key, its events go to its endpoint.
        var (ownResident, ownApplication) = await PaymentFlow.DraftAsync(app, own, copies: 2);
        var ownCheckout = await PaymentFlow.StartPaymentAsync(ownResident, own.Code, ownApplication);
        var ownPayment = await PaymentAsync(ownApplication);
        Assert.True(ownPayment.OnOwnAccount);
        Assert.Equal(ownKey, app.Stripe.State.Owner[ownPayment.CheckoutSessionId!]);
        var back = await PaymentFlow.AuthenticateAsync(ownResident, ownCheckout);
        await app.Stripe.State.DeliveredAsync();
        Assert.Contains(app.Stripe.State.EventsOf(ownKey), e => e.Payload.Contains("checkout.session.completed", StringComparison.Ordinal));
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(ownApplication)).Status);
        var received = await app.DbAsync(db => db.Set<ProviderEvent>().IgnoreQueryFilters().Where(e => e.PaymentId == ownPayment.Id).Select(e => e.Outcome).ToListAsync());
        Assert.Contains("Succeeded", received);
        Assert.Contains("お支払いが完了しました", (await ownResident.FollowAsync(await ownResident.GetAsync(back))).Body);

        // The other municipality: the installation's account.
        var (sharedResident, sharedApplication) = await PaymentFlow.DraftAsync(app, shared, copies: 1);
        var sharedCheckout = await PaymentFlow.StartPaymentAsync(sharedResident, shared.Code, sharedApplication);
        var sharedPayment = await PaymentAsync(sharedApplication);
        Assert.False(sharedPayment.OnOwnAccount);
        Assert.Equal(app.Stripe.State.SecretKey, app.Stripe.State.Owner[sharedPayment.CheckoutSessionId!]);

        // The installation's key cannot see the municipality's session (the server checks the key per account).
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Stripe.BaseAddress, $"/v1/checkout/sessions/{ownPayment.CheckoutSessionId}"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", app.Stripe.State.SecretKey);
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(request)).StatusCode);
        }

        // A second, unpaid attempt in the own municipality; a completion for it signed with the other
        // account's secret: refused at the municipality's endpoint, and not applied at the installation's.
        var (ownResident2, ownApplication2) = await PaymentFlow.DraftAsync(app, own, copies: 1);
        await PaymentFlow.StartPaymentAsync(ownResident2, own.Code, ownApplication2);
        var unpaid = await PaymentAsync(ownApplication2);
        var forged = new JsonObject
        {
            ["id"] = "evt_cross_" + Guid.NewGuid().ToString("N"), ["object"] = "event", ["type"] = "checkout.session.completed",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = app.Stripe.State.Session(unpaid.CheckoutSessionId!)!.DeepClone() },
        };
        forged["data"]!["object"]!["status"] = "complete";
        forged["data"]!["object"]!["payment_status"] = "paid";
        var body = forged.ToJsonString();
        using (var atOwnEndpoint = await app.Stripe.State.PostAsync(body, DateTimeOffset.UtcNow, app.Stripe.State.WebhookSecret, new Uri(app.BaseAddress, $"/payments/webhooks/stripe/{own.Code}").ToString()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, atOwnEndpoint.StatusCode);
        }

        using (var atShared = await app.Stripe.State.PostAsync(body, DateTimeOffset.UtcNow))
        {
            Assert.Equal(HttpStatusCode.OK, atShared.StatusCode);
        }

        Assert.Equal(PaymentStatus.RequiresAction, (await PaymentAsync(ownApplication2)).Status);
        Assert.Equal(ApplicationStatus.Draft, await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == ownApplication2).Select(a => a.Status).SingleAsync()));
        Assert.Equal("signed by another account: not applied", await app.DbAsync(db => db.Set<ProviderEvent>().IgnoreQueryFilters()
            .Where(e => e.EventId == (string)forged["id"]!).Select(e => e.Outcome).SingleAsync()));

        // Removed: new payments go back to the installation's account.
        var removed = await admin.SubmitAsync(await admin.GetPageAsync(url), new Dictionary<string, string>(), "form[action*='handler=Remove']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("全体の設定のアカウント", (await admin.GetPageAsync(url)).Document.QuerySelector(".account-state")!.TextContent);
        _ = sharedCheckout;
    }
}
