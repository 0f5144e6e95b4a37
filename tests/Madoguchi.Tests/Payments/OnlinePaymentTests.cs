using System.Net;
using System.Text.Json.Nodes;
using Madoguchi.Payments.Ledger;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Notices;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Payments;

/// <summary>
/// A resident pays a fee before submission through the real Stripe client against the local
/// Stripe-compatible server (the hosted card page of a Checkout Session, 3-D Secure, signed
/// webhooks), exactly once.
/// </summary>
public sealed class OnlinePaymentTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task<TestData.TenantInfo> TenantAsync()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, PaymentFlow.Key);
        return tenant;
    }

    private Task<List<Payment>> PaymentsOfAsync(Guid applicationId) =>
        app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().Where(p => p.ApplicationId == applicationId).ToListAsync());

    private Task<Application> ApplicationAsync(Guid id) =>
        app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == id));

    [Fact]
    public async Task Two_copies_cost_600_yen_paid_through_3DS_then_the_application_arrives_once_with_a_receipt()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 2);

        // The check page shows the fee and leads to payment; submitting without paying submits nothing.
        var check = (await resident.GetFollowingAsync($"/{tenant.Code}/applications/{id}/check")).AsPage();
        Assert.Equal("600円", check.Document.QuerySelector(".fee-total")!.TextContent);
        Assert.NotNull(check.Document.QuerySelector($"a[href='/{tenant.Code}/payments/applications/{id}']"));
        Assert.Equal(ApplicationStatus.Draft, (await ApplicationAsync(id)).Status);

        // A double click on お支払いへ進む: one payment, one Checkout Session, both posts go to the same hosted page.
        var pay = await resident.GetPageAsync($"/{tenant.Code}/payments/applications/{id}");
        Assert.Contains("600円", pay.Document.QuerySelector(".fee-total")!.TextContent);
        var before = app.Stripe.State.SessionsCreated;
        var posts = await Task.WhenAll(resident.SubmitAsync(pay, new Dictionary<string, string>()), resident.SubmitAsync(pay, new Dictionary<string, string>()));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.SeeOther, p.StatusCode));
        Assert.Equal(posts[0].Headers.Location, posts[1].Headers.Location);
        Assert.Equal(before + 1, app.Stripe.State.SessionsCreated);
        var payment = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(600, payment.AmountYen);
        Assert.Equal(PaymentStatus.RequiresAction, payment.Status);
        Assert.Null(payment.ProviderPaymentId);
        var session = app.Stripe.State.Session(payment.CheckoutSessionId!)!;
        Assert.Equal(new Uri(app.Stripe.BaseAddress, $"/checkout/{payment.CheckoutSessionId}"), posts[0].Headers.Location);
        Assert.Equal(600, (long)session["amount_total"]!);
        Assert.Equal("jpy", (string?)session["currency"]);
        Assert.Equal("ja", (string?)session["locale"]);
        Assert.Equal(id.ToString(), (string?)session["client_reference_id"]);
        Assert.Equal(id.ToString(), (string?)session["metadata"]!["application_id"]);
        Assert.Equal(tenant.Code, (string?)session["metadata"]!["tenant"]);
        Assert.EndsWith($"/{tenant.Code}/payments/{payment.Id}/return?session_id={{CHECKOUT_SESSION_ID}}", (string?)session["success_url"]);
        Assert.InRange((long)session["expires_at"]! - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 50 * 60, 61 * 60);

        // The card typed on the provider's page, 3-D Secure on the issuer's page, then back to the platform
        // with the session's id put in by the provider.
        var back = await PaymentFlow.AuthenticateAsync(resident, posts[0].Headers.Location!);
        Assert.EndsWith($"/return?session_id={payment.CheckoutSessionId}", back.ToString());
        var done = (await resident.FollowAsync(await resident.GetAsync(back))).AsPage();
        Assert.Contains("お支払いが完了しました", done.Text);
        var number = done.Document.QuerySelector(".receipt-number")!.TextContent;
        var application = await ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(number, application.ReceiptNumber);

        // The webhook for the same success (and a second delivery of it) changes nothing again.
        await app.Stripe.State.DeliveredAsync();
        var paid = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        var intent = app.Stripe.State.Intent(paid.ProviderPaymentId!)!;
        Assert.Equal(600, (long)intent["amount_received"]!);
        Assert.Equal(paid.Id.ToString(), (string?)intent["metadata"]!["payment_id"]);
        Assert.Equal(id.ToString(), (string?)intent["metadata"]!["application_id"]);
        var succeeded = app.Stripe.State.EventsSent.Last(e => e.Payload.Contains(paid.ProviderPaymentId!, StringComparison.Ordinal) && e.Payload.Contains("payment_intent.succeeded", StringComparison.Ordinal));
        using (var again = await app.Stripe.State.ResendAsync(succeeded.Id))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("duplicate", await again.Content.ReadAsStringAsync());
        }

        var afterDuplicate = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(paid.Version, afterDuplicate.Version);
        Assert.Equal(1, await app.DbAsync(db => db.Set<ProviderEvent>().IgnoreQueryFilters().CountAsync(e => e.EventId == succeeded.Id)));
        Assert.Equal(number, (await ApplicationAsync(id)).ReceiptNumber);

        // The receipt: municipality, item, amount, date.
        var pdf = await resident.GetAsync($"/{tenant.Code}/payments/{paid.Id}/receipt");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Of(await pdf.Content.ReadAsByteArrayAsync()), @"\s+", "");
        Assert.Contains("領収書", text);
        Assert.Contains(tenant.Name, text);
        Assert.Contains("住民票の写し", text);
        Assert.Contains("600円", text);
        Assert.Contains("令和", text);
        Assert.Contains(number, text);

        // The account lists the payment with its receipt.
        var mine = (await resident.GetFollowingAsync($"/{tenant.Code}/account/payments")).AsPage();
        Assert.NotNull(mine.Document.QuerySelector($"a[href='/{tenant.Code}/payments/{paid.Id}/receipt']"));

        // Another resident sees none of it.
        var stranger = app.KestrelBrowser();
        await stranger.SignInAsPersonaAsync(tenant.Code, "sato");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{tenant.Code}/payments/{paid.Id}/receipt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{tenant.Code}/payments/applications/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_pay_form_may_end_on_the_providers_hosted_page_under_the_content_security_policy()
    {
        // Chromium checks form-action on each redirect of a form's navigation: without the provider's
        // origin the pay form's redirect to the hosted page is blocked in the browser (found by PaymentPagesTests).
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        using var response = await resident.GetAsync($"/{tenant.Code}/payments/applications/{id}");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"form-action 'self' {app.Stripe.BaseAddress.GetLeftPart(UriPartial.Authority)};", csp);

        Assert.Equal("https://checkout.stripe.com", Madoguchi.Payments.Stripe.HostedPageOrigin.Of(new() { StripeBaseUrl = "https://api.stripe.com" }));
        Assert.Equal("https://pay.example.jp", Madoguchi.Payments.Stripe.HostedPageOrigin.Of(new() { StripeBaseUrl = "https://api.stripe.com", StripeRedirectOrigin = "https://pay.example.jp/checkout" }));
        Assert.Null(Madoguchi.Payments.Stripe.HostedPageOrigin.Of(new()));
    }

    [Fact]
    public async Task A_tampered_amount_is_refused_and_nothing_is_charged()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 2);
        var pay = await resident.GetPageAsync($"/{tenant.Code}/payments/applications/{id}");
        var before = app.Stripe.State.SessionsCreated;

        var tampered = await resident.SubmitAsync(pay, new Dictionary<string, string> { ["confirmedYen"] = "1", ["amount"] = "1" });
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        var page = Html.Parse(await tampered.Content.ReadAsStringAsync());
        Assert.Contains("手数料の金額が変わりました", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(before, app.Stripe.State.SessionsCreated);
        Assert.Empty(await PaymentsOfAsync(id));

        // An amount field added by the browser is never read: the charge is the server's 600円.
        var location = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        Assert.NotNull(location);
        Assert.Equal(600, Assert.Single(await PaymentsOfAsync(id)).AmountYen);
    }

    [Fact]
    public async Task An_exempt_purpose_costs_nothing_and_submits_without_payment()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 3, purpose: "生活保護の申請");
        var check = (await resident.GetFollowingAsync($"/{tenant.Code}/applications/{id}/check")).AsPage();
        Assert.Equal("0円", check.Document.QuerySelector(".fee-total")!.TextContent);
        Assert.Contains("生活保護の申請に使用するため", check.Text);
        var submitted = await resident.FollowAsync(await resident.SubmitAsync(check, new Dictionary<string, string>()));
        Assert.EndsWith("/receipt", submitted.Url.AbsolutePath);
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);
        Assert.Empty(await PaymentsOfAsync(id));
    }

    [Fact]
    public async Task A_500_and_a_lost_answer_are_retried_with_the_same_key_and_charge_once()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var before = app.Stripe.State.SessionsCreated;
        app.Stripe.State.FailNextWith500 = 1;
        app.Stripe.State.AnswerNextSlowly = 1;
        app.Stripe.State.SlowAnswer = TimeSpan.FromSeconds(3);

        // First try: 500. Second: carried out but answered after the 1 s attempt timeout. Third:
        // the same Idempotency-Key, so the provider answers with the session it already made.
        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        Assert.Equal(before + 1, app.Stripe.State.SessionsCreated);
        var payment = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.RequiresAction, payment.Status);
        Assert.EndsWith("/checkout/" + payment.CheckoutSessionId, checkout.ToString());

        // The resident can pay on that one page, and is charged once.
        var back = await PaymentFlow.AuthenticateAsync(resident, checkout);
        await resident.FollowAsync(await resident.GetAsync(back));
        Assert.Equal(PaymentStatus.Succeeded, Assert.Single(await PaymentsOfAsync(id)).Status);
        Assert.Equal(1, app.Stripe.State.EventsSent.Count(e => e.Payload.Contains(payment.CheckoutSessionId!, StringComparison.Ordinal)
            && e.Payload.Contains("checkout.session.completed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_webhook_arriving_before_the_redirect_submits_and_the_return_changes_nothing_twice()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var back = await PaymentFlow.AuthenticateAsync(resident, await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id));

        await app.Stripe.State.DeliveredAsync();
        var submitted = await ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Submitted, submitted.Status);
        var version = Assert.Single(await PaymentsOfAsync(id)).Version;

        var done = (await resident.FollowAsync(await resident.GetAsync(back))).AsPage();
        Assert.Equal(submitted.ReceiptNumber, done.Document.QuerySelector(".receipt-number")!.TextContent);
        Assert.Equal(version, Assert.Single(await PaymentsOfAsync(id)).Version);
    }

    [Fact]
    public async Task Events_out_of_order_a_failure_after_the_success_does_not_undo_it()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        app.Stripe.State.HoldEvents = true;
        var back = await PaymentFlow.AuthenticateAsync(resident, await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id));
        await resident.FollowAsync(await resident.GetAsync(back));
        var payment = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);

        // A stale failure of the same intent (sent before, delivered after) is taken in and changes nothing.
        var stale = new JsonObject
        {
            ["id"] = "evt_stale_" + Guid.NewGuid().ToString("N"), ["object"] = "event", ["type"] = "payment_intent.payment_failed",
            ["created"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = app.Stripe.State.Intent(payment.ProviderPaymentId!)!.DeepClone() },
        };
        stale["data"]!["object"]!["status"] = "requires_payment_method";
        stale["data"]!["object"]!["last_payment_error"] = new JsonObject { ["message"] = "declined" };
        using (var response = await app.Stripe.State.PostAsync(stale.ToJsonString(), DateTimeOffset.UtcNow))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await app.Stripe.State.ReleaseHeldAsync();
        var after = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.Succeeded, after.Status);
        Assert.Equal(payment.Version, after.Version);
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);
    }

    [Fact]
    public async Task A_forged_signature_and_an_old_timestamp_are_refused()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        var payment = Assert.Single(await PaymentsOfAsync(id));
        // A completed session the provider never sent: its own session object, marked paid.
        var forged = new JsonObject
        {
            ["id"] = "evt_forged_" + Guid.NewGuid().ToString("N"), ["object"] = "event", ["type"] = "checkout.session.completed",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = app.Stripe.State.Session(payment.CheckoutSessionId!)!.DeepClone() },
        };
        forged["data"]!["object"]!["status"] = "complete";
        forged["data"]!["object"]!["payment_status"] = "paid";
        var body = forged.ToJsonString();

        using (var wrongKey = await app.Stripe.State.PostAsync(body, DateTimeOffset.UtcNow, secret: "whsec_not_the_secret"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongKey.StatusCode);
        }

        using (var replayed = await app.Stripe.State.PostAsync(body, DateTimeOffset.UtcNow.AddMinutes(-10)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        }

        Assert.Equal(PaymentStatus.RequiresAction, Assert.Single(await PaymentsOfAsync(id)).Status);
        Assert.Equal(ApplicationStatus.Draft, (await ApplicationAsync(id)).Status);
    }

    [Fact]
    public async Task Money_for_an_application_that_is_gone_is_refunded_automatically()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id).ExecuteDeleteAsync());
        var refundsBefore = app.Stripe.State.RefundsCreated;

        await PaymentFlow.AuthenticateAsync(resident, checkout);
        await app.Stripe.State.DeliveredAsync();

        var payment = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(payment.AmountYen, payment.RefundedYen);
        Assert.NotNull(payment.AutoRefundReason);
        Assert.Equal(refundsBefore + 1, app.Stripe.State.RefundsCreated);
        var refund = await app.DbAsync(db => db.Set<Refund>().IgnoreQueryFilters().SingleAsync(r => r.PaymentId == payment.Id));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
    }
}
