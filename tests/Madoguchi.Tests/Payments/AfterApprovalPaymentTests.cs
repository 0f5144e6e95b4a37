using System.Net;
using System.Text.Json.Nodes;
using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Workflow;
using Madoguchi.Tests.Counter;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Payments;

/// <summary>
/// 事後決済: 住民票の写し set to be paid after approval within 14 days. The resident pays from the
/// application page through the same provider flow; unpaid past the deadline, the sweep expires the
/// application once (two nodes at once), payment is refused, and money arriving later goes back.
/// </summary>
public sealed class AfterApprovalPaymentTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task<TestData.TenantInfo> TenantAsync()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, PaymentFlow.Key);
        // The shipped template is paid before submission; this municipality's version is paid after approval.
        var versions = await app.DbAsync(db => db.Set<ProcedureVersion>().IgnoreQueryFilters().Where(v => v.TenantId == tenant.Id).ToListAsync());
        foreach (var version in versions)
        {
            var definition = JsonNode.Parse(version.Definition)!;
            var fee = definition["fee"] ?? definition["Fee"]!;
            fee[fee["timing"] is null && fee["Timing"] is not null ? "Timing" : "timing"] = "AfterApproval";
            fee[fee["Timing"] is not null ? "PaymentDays" : "paymentDays"] = 14;
            var text = definition.ToJsonString();
            await app.DbAsync(db => db.Set<ProcedureVersion>().IgnoreQueryFilters().Where(v => v.Id == version.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Definition, text)));
        }

        return tenant;
    }

    private Task<Application> ApplicationAsync(Guid id) =>
        app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == id));

    private Task<int> EventsAsync(Guid id, ApplicationEventKind kind) =>
        app.DbAsync(db => db.Set<ApplicationEvent>().IgnoreQueryFilters().CountAsync(e => e.ApplicationId == id && e.Kind == kind));

    /// <summary>A resident's application for two copies, submitted from the check page and approved by an approver on the case page.</summary>
    private async Task<(HttpClient Resident, HttpClient Approver, Guid Id)> ApprovedAsync(TestData.TenantInfo tenant)
    {
        var (resident, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 2);
        var check = (await resident.GetFollowingAsync($"/{tenant.Code}/applications/{id}/check")).AsPage();
        Assert.Equal("600円", check.Document.QuerySelector(".fee-total")!.TextContent);
        Assert.Contains("承認された後に", check.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await resident.SubmitAsync(check, new Dictionary<string, string>())).StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, (await ApplicationAsync(id)).Status);

        var approver = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId)), client: app.KestrelBrowser());
        var casePage = await approver.GetPageAsync($"/{tenant.Code}/staff/applications/{id}");
        Assert.Contains("承認後にお支払い", casePage.Document.QuerySelector(".payment-state")!.TextContent);
        var decided = await approver.SubmitAsync(casePage, new Dictionary<string, string> { ["decision"] = "approve" }, "#decide-form");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var approved = await ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Approved, approved.Status);
        Assert.Equal(PaymentDeadlines.DueAt(approved.DecidedAt!.Value, 14), approved.PaymentDueAt);
        return (resident, approver, id);
    }

    private async Task PastDeadlineAsync(Guid id) =>
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PaymentDueAt, DateTime.UtcNow.AddMinutes(-1))));

    [Fact]
    public async Task An_approved_fee_is_paid_from_the_application_page_once_and_shows_paid_with_its_receipt_to_resident_and_staff()
    {
        var tenant = await TenantAsync();
        var (resident, approver, id) = await ApprovedAsync(tenant);

        // The list says a fee is owed; the application page shows the amount, the deadline in 和暦 and 支払う.
        var list = await resident.GetPageAsync($"/{tenant.Code}/account/applications");
        Assert.Contains("手数料のお支払いが必要です", list.Document.QuerySelector(".payment-owed")!.TextContent);
        var page = await resident.GetPageAsync($"/{tenant.Code}/account/applications/{id}");
        var section = page.Document.QuerySelector(".fee-after-approval")!;
        Assert.Equal("600円", section.QuerySelector(".fee-total")!.TextContent);
        var deadline = (await ApplicationAsync(id)).PaymentDueAt!.Value;
        Assert.Contains(Madoguchi.Platform.Localization.Wareki.Date(PaymentDeadlines.LastDay(deadline).ToDateTime(TimeOnly.MinValue), System.Globalization.CultureInfo.GetCultureInfo("ja-JP")),
            section.QuerySelector(".payment-deadline")!.TextContent);
        Assert.StartsWith("令和", section.QuerySelector(".payment-deadline")!.TextContent);

        // 支払う twice (a double click): one payment, one session, the same hosted card page.
        var before = app.Stripe.State.SessionsCreated;
        var posts = await Task.WhenAll(
            resident.SubmitAsync(page, new Dictionary<string, string>(), ".fee-after-approval form"),
            resident.SubmitAsync(page, new Dictionary<string, string>(), ".fee-after-approval form"));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.SeeOther, p.StatusCode));
        Assert.Equal(posts[0].Headers.Location, posts[1].Headers.Location);
        Assert.Equal(before + 1, app.Stripe.State.SessionsCreated);

        var back = await PaymentFlow.AuthenticateAsync(resident, posts[0].Headers.Location!);
        var done = (await resident.FollowAsync(await resident.GetAsync(back))).AsPage();
        Assert.Contains("お支払いが完了しました", done.Text);
        await app.Stripe.State.DeliveredAsync();

        var payment = await app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == id));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(600, payment.AmountYen);
        var application = await ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Approved, application.Status);
        Assert.NotNull(application.FeePaidAt);
        // The return page and the webhook both reported the success: the payment is recorded once.
        Assert.Equal(1, await EventsAsync(id, ApplicationEventKind.FeePaid));

        var paid = await resident.GetPageAsync($"/{tenant.Code}/account/applications/{id}");
        Assert.Equal("支払済み", paid.Document.QuerySelector(".payment-state")!.TextContent.Trim());
        Assert.NotNull(paid.Document.QuerySelector($".fee-after-approval a[href='/{tenant.Code}/payments/{payment.Id}/receipt']"));
        Assert.Null(paid.Document.QuerySelector(".fee-after-approval form"));
        Assert.Null((await resident.GetPageAsync($"/{tenant.Code}/account/applications")).Document.QuerySelector(".payment-owed"));
        var receipt = await resident.GetAsync($"/{tenant.Code}/payments/{payment.Id}/receipt");
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType!.MediaType);

        // Staff see the state on the case, linked to the payment.
        var casePage = await approver.GetPageAsync($"/{tenant.Code}/staff/applications/{id}");
        var state = casePage.Document.QuerySelector(".payment-state")!;
        Assert.Contains("支払済み", state.TextContent);
        Assert.NotNull(state.QuerySelector($"a[href='/{tenant.Code}/staff/payments/{payment.Id}']"));

        // Paid applications are not the sweep's business, even past the deadline.
        await PastDeadlineAsync(id);
        await app.Services.GetRequiredService<PaymentExpirySweep>().SweepAsync(CancellationToken.None);
        Assert.Equal(ApplicationStatus.Approved, (await ApplicationAsync(id)).Status);
    }

    [Fact]
    public async Task Two_nodes_sweeping_at_once_expire_an_unpaid_application_once_and_payment_is_then_refused()
    {
        var tenant = await TenantAsync();
        var (resident, _, id) = await ApprovedAsync(tenant);
        // The persona signed in without a mail address; this resident gave one (where the expiry is told).
        var email = $"resident-{Guid.NewGuid():N}@example.jp";
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactEmail, email)));
        var mailsBefore = (await app.MailsToAsync(email)).Count;
        await PastDeadlineAsync(id);

        await using var second = app.SecondNode().With("Payments:ExpirySweep", "false");
        var sweeps = new[] { app.Services.GetRequiredService<PaymentExpirySweep>(), second.Services.GetRequiredService<PaymentExpirySweep>() };
        await Task.WhenAll(sweeps.Concat(sweeps).Select(s => s.SweepAsync(CancellationToken.None)));

        var expired = await ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Expired, expired.Status);
        Assert.Equal(1, await EventsAsync(id, ApplicationEventKind.PaymentExpired));
        var mails = await app.MailsToAsync(email);
        Assert.Equal(mailsBefore + 1, mails.Count);
        Assert.Contains("お支払いの期限が過ぎました", mails[^1].Subject);
        var audited = await app.DbAsync(db => db.Set<AuditEntry>().IgnoreQueryFilters()
            .CountAsync(e => e.EntityId == id.ToString() && e.Actor == "system:payment-expiry"));
        Assert.True(audited >= 1);

        // The page says so in Japanese; 支払う is gone; a pay form posted anyway charges nothing.
        var page = await resident.GetPageAsync($"/{tenant.Code}/account/applications/{id}");
        Assert.Equal("期限切れ", page.Document.QuerySelector(".case-status")!.TextContent);
        Assert.Contains("期限切れになりました", page.Document.QuerySelector(".payment-expired")!.TextContent);
        Assert.Null(page.Document.QuerySelector(".fee-after-approval form"));
        var payPage = await resident.GetPageAsync($"/{tenant.Code}/payments/applications/{id}");
        Assert.NotNull(payPage.Document.QuerySelector(".payment-expired"));
        var sessions = app.Stripe.State.SessionsCreated;
        var refused = await resident.PostAsync($"/{tenant.Code}/payments/applications/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = Guid.NewGuid().ToString(), ["confirmedYen"] = "600", ["__RequestVerificationToken"] = page.Document.QuerySelector("#message-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("お支払いの期限を過ぎたため、この申請は期限切れになりました。", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(sessions, app.Stripe.State.SessionsCreated);
        Assert.Equal(0, await app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().CountAsync(p => p.ApplicationId == id)));

        // A further pass finds nothing to do.
        Assert.Equal(0, await sweeps[1].SweepAsync(CancellationToken.None));
        Assert.Equal(1, await EventsAsync(id, ApplicationEventKind.PaymentExpired));
    }

    [Fact]
    public async Task A_payment_the_provider_confirms_after_expiry_is_refunded_automatically_and_reported()
    {
        var tenant = await TenantAsync();
        var (resident, _, id) = await ApprovedAsync(tenant);

        // The resident starts paying before the deadline and finishes on the provider's page after the sweep ran.
        var page = await resident.GetPageAsync($"/{tenant.Code}/account/applications/{id}");
        var checkout = (await resident.SubmitAsync(page, new Dictionary<string, string>(), ".fee-after-approval form")).Headers.Location!;
        await PastDeadlineAsync(id);
        Assert.Equal(1, await app.Services.GetRequiredService<PaymentExpirySweep>().SweepAsync(CancellationToken.None));
        Assert.Equal(ApplicationStatus.Expired, (await ApplicationAsync(id)).Status);

        var refundsBefore = app.Stripe.State.RefundsCreated;
        var back = await PaymentFlow.AuthenticateAsync(resident, checkout);
        await resident.FollowAsync(await resident.GetAsync(back));
        await app.Stripe.State.DeliveredAsync();

        var payment = await app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == id));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(600, payment.RefundedYen);
        Assert.Contains("支払期限", payment.AutoRefundReason);
        Assert.Equal(refundsBefore + 1, app.Stripe.State.RefundsCreated);
        var refund = await app.DbAsync(db => db.Set<Refund>().IgnoreQueryFilters().SingleAsync(r => r.PaymentId == payment.Id));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(ApplicationStatus.Expired, (await ApplicationAsync(id)).Status);
        Assert.Equal(0, await EventsAsync(id, ApplicationEventKind.FeePaid));
    }
}
