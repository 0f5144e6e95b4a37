using System.Net;
using System.Text;
using Madoguchi.Payments.Ledger;
using Madoguchi.Payments.Refunds;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Payments;

/// <summary>Refunds with a second approver, the counter terminal adapter and reconciliation, through HTTP as staff.</summary>
public sealed class StaffPaymentTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private async Task<TestData.TenantInfo> TenantAsync()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, PaymentFlow.Key);
        return tenant;
    }

    private async Task<HttpClient> StaffAsync(TestData.TenantInfo tenant, StaffRoleKind role) =>
        await app.SignInAsync(await app.StaffAsync(tenant, (role, tenant.DepartmentId)), client: app.KestrelBrowser());

    private Task<Payment> PaymentAsync(Guid id) =>
        app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task A_refund_larger_than_paid_is_refused_and_a_second_member_of_staff_approves_a_partial_one()
    {
        var tenant = await TenantAsync();
        var (_, _, payment) = await PaidFees.PaidAsync(app, tenant);
        var reviewer = await StaffAsync(tenant, StaffRoleKind.Reviewer);
        var url = $"/{tenant.Code}/staff/payments/{payment.Id}";

        var tooMuch = await reviewer.SubmitAsync(url, new Dictionary<string, string> { ["Form.AmountYen"] = "700", ["Form.Reason"] = "二重に申請したため" }, formSelector: "main form[action*=Request]");
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("残り（600円）を超えています", await tooMuch.Content.ReadAsStringAsync());

        var asked = await reviewer.SubmitAsync(url, new Dictionary<string, string> { ["Form.AmountYen"] = "300", ["Form.Reason"] = "1通分が不要になったため" }, formSelector: "main form[action*=Request]");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(0, (await PaymentAsync(payment.Id)).RefundedYen);

        // The reviewer cannot approve; an approver of the department can.
        Assert.Null((await reviewer.GetPageAsync(url)).Document.QuerySelector("form[action*=Decide]"));
        var approver = await StaffAsync(tenant, StaffRoleKind.Approver);
        var refundsBefore = app.Stripe.State.RefundsCreated;
        var approved = await approver.SubmitAsync(url, new Dictionary<string, string> { ["approve"] = "true" }, formSelector: "main form[action*=Decide]");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(300, (await PaymentAsync(payment.Id)).RefundedYen);
        Assert.Equal(refundsBefore + 1, app.Stripe.State.RefundsCreated);
        var refund = await app.DbAsync(db => db.Set<Refund>().IgnoreQueryFilters().SingleAsync(r => r.PaymentId == payment.Id));
        // Every step is in the audit trail: the refund request and its approval, and the payment's refunded total.
        var paymentAudit = await app.DbAsync(db => db.Set<Madoguchi.Platform.Audit.AuditEntry>()
            .Where(e => e.EntityType == nameof(Payment) && e.EntityId == payment.Id.ToString()).Select(e => e.Changes).ToListAsync());
        Assert.Contains(paymentAudit, c => c.Contains("RefundedYen", StringComparison.Ordinal) && c.Contains("300", StringComparison.Ordinal));
        var refundAudit = await app.DbAsync(db => db.Set<Madoguchi.Platform.Audit.AuditEntry>()
            .CountAsync(e => e.EntityType == nameof(Refund) && e.EntityId == refund.Id.ToString()));
        Assert.True(refundAudit >= 2, $"refund audited {refundAudit} times");
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.StartsWith("re_", refund.ProviderRefundId);

        // An approver asking for a refund cannot approve it themself.
        var asked2 = await approver.SubmitAsync(url, new Dictionary<string, string> { ["Form.AmountYen"] = "100", ["Form.Reason"] = "誤り" }, formSelector: "main form[action*=Request]");
        Assert.Equal(HttpStatusCode.Redirect, asked2.StatusCode);
        Assert.Null((await approver.GetPageAsync(url)).Document.QuerySelector("form[action*=Decide]"));
        var own = await app.DbAsync(db => db.Set<Refund>().IgnoreQueryFilters().SingleAsync(r => r.PaymentId == payment.Id && r.Status == RefundStatus.Requested));
        var staffId = await app.DbAsync(db => db.Set<StaffUser>().Where(u => u.Id == own.RequestedBy).Select(u => u.Id).SingleAsync());
        var outcome = await app.InTenantAsync(tenant, sp => sp.GetRequiredService<RefundDesk>().DecideAsync(own.Id, true, staffId, CancellationToken.None));
        Assert.Equal(RefundDesk.Outcome.SamePerson, outcome);
    }

    [Fact]
    public async Task Two_refunds_approved_at_the_same_moment_never_return_more_than_was_paid()
    {
        var tenant = await TenantAsync();
        var (_, _, payment) = await PaidFees.PaidAsync(app, tenant);
        var requester = Guid.NewGuid();
        // Two requests of 400 on a 600 payment (each fitted when it was made, e.g. on two screens).
        var ids = await app.DbAsync(async db =>
        {
            var a = new Refund { TenantId = tenant.Id, PaymentId = payment.Id, AmountYen = 400, Reason = "A", RequestedBy = requester };
            var b = new Refund { TenantId = tenant.Id, PaymentId = payment.Id, AmountYen = 400, Reason = "B", RequestedBy = requester };
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return new[] { a.Id, b.Id };
        });
        var refundsBefore = app.Stripe.State.RefundsCreated;

        var outcomes = await Task.WhenAll(ids.Select(id => app.InTenantAsync(tenant,
            sp => sp.GetRequiredService<RefundDesk>().DecideAsync(id, true, Guid.NewGuid(), CancellationToken.None))));

        Assert.Single(outcomes, o => o == RefundDesk.Outcome.Done);
        Assert.Single(outcomes, o => o == RefundDesk.Outcome.TooMuch);
        Assert.Equal(400, (await PaymentAsync(payment.Id)).RefundedYen);
        Assert.Equal(refundsBefore + 1, app.Stripe.State.RefundsCreated);

        // Two approvers clicking the same request: one decision.
        var c = await app.DbAsync(async db =>
        {
            var r = new Refund { TenantId = tenant.Id, PaymentId = payment.Id, AmountYen = 100, Reason = "C", RequestedBy = requester };
            db.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });
        var same = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.InTenantAsync(tenant,
            sp => sp.GetRequiredService<RefundDesk>().DecideAsync(c, true, Guid.NewGuid(), CancellationToken.None))));
        Assert.Single(same, o => o == RefundDesk.Outcome.Done);
        Assert.Equal(500, (await PaymentAsync(payment.Id)).RefundedYen);
        Assert.Equal(refundsBefore + 2, app.Stripe.State.RefundsCreated);
    }

    [Fact]
    public async Task Counter_staff_record_a_terminal_payment_once_and_the_application_arrives()
    {
        var tenant = await TenantAsync();
        var (_, id) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var clerk = await StaffAsync(tenant, StaffRoleKind.Reviewer);
        var url = $"/{tenant.Code}/staff/payments/counter";
        var slip = new Dictionary<string, string>
        {
            ["Form.Reference"] = id.ToString(), ["Form.Method"] = "電子マネー", ["Form.TerminalId"] = "T-01", ["Form.TransactionId"] = "TX-" + Guid.NewGuid().ToString("N")[..10], ["Form.AmountYen"] = "500",
        };

        var wrong = await clerk.SubmitAsync(url, slip);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("金額が手数料（300円）と一致しません", await wrong.Content.ReadAsStringAsync());

        slip["Form.AmountYen"] = "300";
        var form = await clerk.GetPageAsync(url);
        var posts = await Task.WhenAll(clerk.SubmitAsync(form, slip), clerk.SubmitAsync(form, slip));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        var payment = await app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == id));
        Assert.Equal(PaymentProvider.CounterTerminal, payment.Provider);
        Assert.Equal("T-01", payment.TerminalId);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(ApplicationStatus.Submitted, await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        // The same slip entered again on a fresh form: refused.
        var again = await clerk.SubmitAsync(url, slip);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("ありません", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reconciliation_shows_exactly_the_planted_mismatch_and_the_daily_totals()
    {
        var tenant = await TenantAsync();
        var (_, _, online) = await PaidFees.PaidAsync(app, tenant);
        var (_, counterApp) = await PaymentFlow.DraftAsync(app, tenant, copies: 1);
        var clerk = await StaffAsync(tenant, StaffRoleKind.Reviewer);
        var transaction = "TX-" + Guid.NewGuid().ToString("N")[..10];
        var recorded = await clerk.SubmitAsync($"/{tenant.Code}/staff/payments/counter", new Dictionary<string, string>
        {
            ["Form.Reference"] = counterApp.ToString(), ["Form.Method"] = "クレジットカード", ["Form.TerminalId"] = "T-02", ["Form.TransactionId"] = transaction, ["Form.AmountYen"] = "300",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        // The provider settled one charge nobody here knows of: the planted mismatch.
        var planted = "pi_planted" + Guid.NewGuid().ToString("N")[..12];
        app.Stripe.State.PlantSettlementLine(planted, 300, Guid.NewGuid().ToString());
        // The local server is one provider account shared by every test of the class; a municipality
        // has its own account, so its report holds its own lines only.
        var report0 = (await new HttpClient().GetStringAsync(new Uri(app.Stripe.BaseAddress, "/reports/settlement.csv"))).Split('\n');
        var settlement = Encoding.UTF8.GetBytes(string.Join('\n', report0.Take(1).Concat(report0.Skip(1)
            .Where(l => l.Contains(online.ProviderPaymentId!, StringComparison.Ordinal) || l.Contains(planted, StringComparison.Ordinal)))) + "\n");
        var journal = Encoding.UTF8.GetBytes($"取引日時,端末ID,取引番号,決済手段,金額,区分\n{DateTime.UtcNow.AddHours(9):yyyy-MM-dd HH:mm:ss},T-02,{transaction},クレジットカード,300,売上\n");

        var adminStaff = await app.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var admin = await app.SignInAsync(adminStaff, await app.EnableTotpAsync(adminStaff), app.KestrelBrowser());
        var page = $"/{tenant.Code}/staff/payments/reconciliation";
        var provider = await UploadAsync(admin, page, "Provider", settlement);
        Assert.Equal(HttpStatusCode.Redirect, provider.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(admin, page, "Terminal", journal)).StatusCode);
        // The same report again adds nothing.
        var again = await admin.FollowAsync(await UploadAsync(admin, page, "Provider", settlement));
        Assert.Contains("新しい行：0行", again.Body);

        var report = (await admin.GetFollowingAsync(page)).AsPage();
        var rows = report.Document.QuerySelectorAll("table.mismatches tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains(planted, row.TextContent);
        Assert.Contains("入金があるが対応する支払い（申請）がない", row.TextContent);
        var totals = report.Document.QuerySelectorAll("table:not(.mismatches) tbody tr").Single().TextContent;
        Assert.Contains("900円", totals);

        var csv = await admin.GetStringAsync(page + "?handler=MismatchesCsv");
        Assert.Equal(2, csv.Trim().Split('\n').Length);
        Assert.Contains(planted, csv);

        // A reviewer outside 会計課 does not reconcile.
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync(page)).StatusCode);
        Assert.NotEqual(online.Id, Guid.Empty);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string source, byte[] csv)
    {
        var form = await client.GetPageAsync(page);
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(source), "source" },
            { new ByteArrayContent(csv), "file", source + ".csv" },
        };
        return await client.PostAsync(page + "?handler=Import", content);
    }
}
