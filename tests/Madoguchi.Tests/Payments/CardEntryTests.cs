using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Madoguchi.Payments.Ledger;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Workflow;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Payments;

/// <summary>
/// The resident types the card on the provider's hosted page (a Checkout Session of the local
/// Stripe-compatible server): declined cards and bad entries are told on that page and another card
/// pays once; cancel and expiry; checkout.session.completed and payment_intent.succeeded settle once
/// in any order; the server keeps Stripe's idempotency and validation rules.
/// </summary>
public sealed class CardEntryTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task<TestData.TenantInfo> TenantAsync()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, PaymentFlow.Key);
        return tenant;
    }

    private Task<List<Payment>> PaymentsOfAsync(Guid applicationId) =>
        app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().Where(p => p.ApplicationId == applicationId).OrderBy(p => p.Attempt).ToListAsync());

    private Task<Application> ApplicationAsync(Guid id) =>
        app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == id));

    [Fact]
    public async Task A_declined_card_is_told_on_the_providers_page_and_another_card_then_pays_once()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 2);
        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        var intentsBefore = app.Stripe.State.IntentsCreated;

        var declined = await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.DeclinedCard);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var page = Html.Parse(await declined.Content.ReadAsStringAsync());
        Assert.Contains("カードが承認されませんでした", page.QuerySelector(".declined[role=alert]")!.TextContent);
        Assert.Equal("", page.QuerySelector("#cardnumber")!.GetAttribute("value"));
        await app.Stripe.State.DeliveredAsync();
        var failed = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.Failed, failed.Status);
        Assert.Equal(ApplicationStatus.Draft, (await ApplicationAsync(id)).Status);

        var poor = Html.Parse(await (await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.InsufficientFundsCard)).Content.ReadAsStringAsync());
        Assert.Contains("残高", poor.QuerySelector(".declined")!.TextContent);

        // Back on our pay page, お支払いへ進む leads to the same provider page (one live page per fee).
        var sessions = app.Stripe.State.SessionsCreated;
        Assert.Equal(checkout, await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id));
        Assert.Equal(sessions, app.Stripe.State.SessionsCreated);

        var paid = await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.SucceedsCard);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        var done = (await resident.FollowAsync(await resident.GetAsync(paid.Headers.Location))).AsPage();
        Assert.Contains("お支払いが完了しました", done.Text);
        await app.Stripe.State.DeliveredAsync();

        var payment = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Null(payment.FailureMessage);
        Assert.Equal(intentsBefore + 1, app.Stripe.State.IntentsCreated);
        Assert.Equal(600, (long)app.Stripe.State.Intent(payment.ProviderPaymentId!)!["amount_received"]!);
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);

        // The card form posted again (a second click that arrived after the first): nothing more is charged.
        Assert.Contains("このお支払いは完了しています", (await resident.GetPageAsync(checkout.ToString())).Text);
        var again = await resident.PostAsync(checkout, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cardnumber"] = PaymentFlow.SucceedsCard, ["exp"] = "12/34", ["cvc"] = "123", ["name"] = "TARO YAMADA",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(intentsBefore + 1, app.Stripe.State.IntentsCreated);
        Assert.Equal(600, (long)app.Stripe.State.Intent(payment.ProviderPaymentId!)!["amount_received"]!);
    }

    [Fact]
    public async Task Bad_card_entries_are_told_at_each_field_and_nothing_is_charged()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        var page = await resident.GetPageAsync(checkout.ToString());
        Assert.Equal("cc-number", page.Document.QuerySelector("#cardnumber")!.GetAttribute("autocomplete"));
        Assert.Equal("cc-exp", page.Document.QuerySelector("#exp")!.GetAttribute("autocomplete"));
        Assert.Equal("cc-csc", page.Document.QuerySelector("#cvc")!.GetAttribute("autocomplete"));
        Assert.Equal("cc-name", page.Document.QuerySelector("#name")!.GetAttribute("autocomplete"));
        Assert.All(new[] { "cardnumber", "exp", "cvc", "name" }, f => Assert.NotNull(page.Document.QuerySelector($"label[for={f}]")));
        var intents = app.Stripe.State.IntentsCreated;

        // A mistyped number (check digit wrong), a card that ran out, no security code, no name.
        var bad = await resident.SubmitAsync(page, new Dictionary<string, string> { ["cardnumber"] = "4242 4242 4242 4241", ["exp"] = "01/20", ["cvc"] = "", ["name"] = "" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var answer = Html.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal(4, answer.QuerySelectorAll(".error-summary li a").Length);
        Assert.Contains("カード番号が正しくありません", answer.QuerySelector("#cardnumber-error")!.TextContent);
        Assert.Contains("有効期限が切れています", answer.QuerySelector("#exp-error")!.TextContent);
        Assert.Contains("セキュリティコードを入力してください", answer.QuerySelector("#cvc-error")!.TextContent);
        Assert.Contains("カード名義を入力してください", answer.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("true", answer.QuerySelector("#cardnumber")!.GetAttribute("aria-invalid"));
        Assert.Contains("cardnumber-error", answer.QuerySelector("#cardnumber")!.GetAttribute("aria-describedby"));
        Assert.Equal("4242 4242 4242 4241", answer.QuerySelector("#cardnumber")!.GetAttribute("value"));

        var format = Html.Parse(await (await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.SucceedsCard, expiry: "2030-12")).Content.ReadAsStringAsync());
        Assert.Contains("「月/年」", format.QuerySelector("#exp-error")!.TextContent);
        Assert.Null(format.QuerySelector("#cardnumber-error"));

        Assert.Equal(intents, app.Stripe.State.IntentsCreated);
        Assert.Equal(PaymentStatus.RequiresAction, Assert.Single(await PaymentsOfAsync(id)).Status);
    }

    [Fact]
    public async Task Cancel_on_the_providers_page_returns_to_the_pay_page_with_a_message_and_paying_again_continues_the_same_page()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        var hosted = await resident.GetPageAsync(checkout.ToString());
        var cancel = hosted.Document.QuerySelectorAll("a").Single(a => a.TextContent == "支払わずに戻る").GetAttribute("href")!;

        var back = (await resident.GetFollowingAsync(cancel)).AsPage();
        Assert.Contains("お支払いは完了していません。料金は請求されていません。", back.Document.QuerySelector(".payment-canceled")!.TextContent);
        Assert.Equal(ApplicationStatus.Draft, (await ApplicationAsync(id)).Status);

        var sessions = app.Stripe.State.SessionsCreated;
        var post = await resident.SubmitAsync(back, new Dictionary<string, string>());
        Assert.Equal(checkout, post.Headers.Location);
        Assert.Equal(sessions, app.Stripe.State.SessionsCreated);

        // A cancel link of a page that was in fact paid (another tab) goes to the payment, not to paying again.
        var paid = await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.SucceedsCard);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        var afterPaid = await resident.FollowAsync(await resident.GetAsync(cancel));
        Assert.Contains("お支払いが完了しました", afterPaid.Body);
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);
    }

    [Fact]
    public async Task The_completed_session_event_alone_settles_before_the_redirect_and_the_intent_event_and_the_return_change_nothing()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        app.Stripe.State.HoldEvents = true;
        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        var paid = await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.SucceedsCard);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);

        // checkout.session.completed first (the intent's event still held), before the resident is back.
        var session = Assert.Single(await PaymentsOfAsync(id)).CheckoutSessionId!;
        var completed = app.Stripe.State.EventsSent.Single(e => e.Payload.Contains("checkout.session.completed", StringComparison.Ordinal) && e.Payload.Contains(session, StringComparison.Ordinal));
        using (var first = await app.Stripe.State.ResendAsync(completed.Id))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var settled = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal(PaymentStatus.Succeeded, settled.Status);
        Assert.NotNull(settled.ProviderPaymentId);
        var submitted = await ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Submitted, submitted.Status);

        // Then the held events (the same completion again, and payment_intent.succeeded), then the return.
        await app.Stripe.State.ReleaseHeldAsync();
        var done = (await resident.FollowAsync(await resident.GetAsync(paid.Headers.Location))).AsPage();
        Assert.Equal(submitted.ReceiptNumber, done.Document.QuerySelector(".receipt-number")!.TextContent);
        var after = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal((settled.Status, settled.Version, settled.PaidAt), (after.Status, after.Version, after.PaidAt));
        Assert.Equal(submitted.ReceiptNumber, (await ApplicationAsync(id)).ReceiptNumber);
        Assert.Equal(1, await app.DbAsync(db => db.Set<ProviderEvent>().IgnoreQueryFilters().CountAsync(e => e.EventId == completed.Id)));
        var outcomes = await app.DbAsync(db => db.Set<ProviderEvent>().IgnoreQueryFilters().Where(e => e.PaymentId == after.Id).Select(e => e.Type + ":" + e.Outcome).ToListAsync());
        Assert.Contains("checkout.session.completed:Succeeded", outcomes);
        Assert.Contains(outcomes, o => o.StartsWith("payment_intent.succeeded:no change", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_event_delivered_twice_settles_once()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 3);
        app.Stripe.State.DeliverTwice = true;
        try
        {
            var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
            await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.SucceedsCard);
            await app.Stripe.State.DeliveredAsync();
        }
        finally
        {
            app.Stripe.State.DeliverTwice = false;
        }

        var payment = Assert.Single(await PaymentsOfAsync(id));
        Assert.Equal((PaymentStatus.Succeeded, 900L), (payment.Status, payment.AmountYen));
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);
        var events = await app.DbAsync(db => db.Set<ProviderEvent>().IgnoreQueryFilters().Where(e => e.PaymentId == payment.Id).Select(e => e.EventId).ToListAsync());
        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Equal(1, await app.DbAsync(db => db.Set<ApplicationEvent>().IgnoreQueryFilters().CountAsync(e => e.ApplicationId == id && e.Kind == ApplicationEventKind.Submitted)));
    }

    [Fact]
    public async Task An_expired_page_cancels_the_attempt_and_a_changed_amount_closes_the_earlier_page()
    {
        var tenant = await TenantAsync();
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var first = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        var firstSession = first.Segments[^1];

        // The provider expires the page (its expires_at passed): the webhook closes the attempt.
        using (var expired = await ProviderAsync(HttpMethod.Post, $"/v1/checkout/sessions/{firstSession}/expire", "madoguchi-test-" + Guid.NewGuid()))
        {
            Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        }

        await app.Stripe.State.DeliveredAsync();
        Assert.Equal(PaymentStatus.Canceled, Assert.Single(await PaymentsOfAsync(id)).Status);
        Assert.Contains("有効期限が切れました", (await resident.GetPageAsync(first.ToString())).Text);

        // Paying again makes a new attempt with its own page.
        var second = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        Assert.NotEqual(first, second);

        // The resident changes the number of copies in another tab: the next pay makes a third page
        // for 600円 and closes the second, so one fee never has two pages that can take money.
        var twoCopies = PaymentFlow.Answers(2);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, twoCopies)));
        var third = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        Assert.NotEqual(second, third);
        Assert.Equal("expired", (string?)app.Stripe.State.Session(second.Segments[^1])!["status"]);
        Assert.Equal(600, (long)app.Stripe.State.Session(third.Segments[^1])!["amount_total"]!);
        var attempts = await PaymentsOfAsync(id);
        Assert.Equal([PaymentStatus.Canceled, PaymentStatus.Canceled, PaymentStatus.RequiresAction], attempts.Select(p => p.Status));
        Assert.Equal([300L, 300L, 600L], attempts.Select(p => p.AmountYen));

        var back = await PaymentFlow.AuthenticateAsync(resident, third);
        await resident.FollowAsync(await resident.GetAsync(back));
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentsOfAsync(id))[2].Status);
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);
    }

    [Fact]
    public async Task The_local_server_keeps_Stripes_rules_for_sessions_keys_and_api_keys()
    {
        await TenantAsync();
        var key = "madoguchi-test-" + Guid.NewGuid();
        using var first = await ProviderAsync(HttpMethod.Post, "/v1/checkout/sessions", key, Session(300));
        using var replay = await ProviderAsync(HttpMethod.Post, "/v1/checkout/sessions", key, Session(300));
        using var other = await ProviderAsync(HttpMethod.Post, "/v1/checkout/sessions", key, Session(900));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var made = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal((string?)made["id"], (string?)JsonNode.Parse(await replay.Content.ReadAsStringAsync())!["id"]);
        Assert.Equal(("open", "unpaid"), ((string?)made["status"], (string?)made["payment_status"]));
        Assert.Null(made["payment_intent"]);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("idempotency_error", (string?)JsonNode.Parse(await other.Content.ReadAsStringAsync())!["error"]!["type"]);

        var noSuccess = Session(300);
        noSuccess.Remove("success_url");
        using var missing = await ProviderAsync(HttpMethod.Post, "/v1/checkout/sessions", null, noSuccess);
        Assert.Equal("parameter_missing", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!["code"]);
        using var tooSmall = await ProviderAsync(HttpMethod.Post, "/v1/checkout/sessions", null, Session(49));
        Assert.Equal("amount_too_small", (string?)JsonNode.Parse(await tooSmall.Content.ReadAsStringAsync())!["error"]!["code"]);
        var soon = Session(300);
        soon["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var tooSoon = await ProviderAsync(HttpMethod.Post, "/v1/checkout/sessions", null, soon);
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);

        using var anonymous = new HttpClient();
        using var unauthorised = await anonymous.GetAsync(new Uri(app.Stripe.BaseAddress, $"/v1/checkout/sessions/{(string?)made["id"]}"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
    }

    private static Dictionary<string, string> Session(long yen) => new()
    {
        ["mode"] = "payment",
        ["line_items[0][price_data][currency]"] = "jpy",
        ["line_items[0][price_data][unit_amount]"] = yen.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["line_items[0][price_data][product_data][name]"] = "住民票の写し",
        ["line_items[0][quantity]"] = "1",
        ["success_url"] = "https://madoguchi.example.jp/return?session_id={CHECKOUT_SESSION_ID}",
        ["cancel_url"] = "https://madoguchi.example.jp/pay",
    };

    private async Task<HttpResponseMessage> ProviderAsync(HttpMethod method, string path, string? idempotencyKey, Dictionary<string, string>? form = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, new Uri(app.Stripe.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Stripe.State.SecretKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Content = form is null ? null : new FormUrlEncodedContent(form);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
