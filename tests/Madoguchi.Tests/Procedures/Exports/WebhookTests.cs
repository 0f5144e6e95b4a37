using System.Net;
using System.Text.Json;
using Madoguchi.Procedures.Webhooks;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Madoguchi.Tests.Procedures.Exports;

/// <summary>
/// Status changes reach registered core systems as signed webhooks: queued in the change's own
/// transaction, delivered by claimed workers, retried after a failure, never delivered twice.
/// Each test has its own host and database: a sender takes every due delivery.
/// </summary>
public sealed class WebhookTests
{
    private static MadoguchiApp NewApp() => new MadoguchiApp().With("Integration:WebhooksEnabled", "false");

    private static WebhookSender Sender(MadoguchiApp app, TimeProvider? clock = null) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new Madoguchi.Procedures.IntegrationOptions
            {
                WebhookBatchSize = 50, WebhookMaxAttempts = 5, WebhookTimeout = TimeSpan.FromSeconds(10), WebhookLease = TimeSpan.FromMinutes(1),
            }),
            clock ?? TimeProvider.System, NullLogger<WebhookSender>.Instance);

    /// <summary>Registers an endpoint through the admin page and returns the secret it showed once.</summary>
    private static async Task<string> RegisterAsync(HttpClient admin, TestData.TenantInfo tenant, string url, Guid? department = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Url"] = url, ["Input.Description"] = "児童手当システム" };
        if (department is { } d)
        {
            fields["Input.DepartmentId"] = d.ToString();
        }

        var response = await admin.SubmitAsync($"/{tenant.Code}/staff/webhooks", fields, "form.stack");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync($"/{tenant.Code}/staff/webhooks");
        var secret = page.Document.QuerySelector("#webhook-secret")!.TextContent.Trim();
        Assert.StartsWith(WebhookSignature.SecretPrefix, secret, StringComparison.Ordinal);
        var again = await admin.GetPageAsync($"/{tenant.Code}/staff/webhooks");
        Assert.Null(again.Document.QuerySelector("#webhook-secret")); // shown once
        return secret;
    }

    [Fact]
    public async Task Submission_queues_one_event_per_matching_endpoint_in_its_own_transaction_without_personal_data()
    {
        await using var app = NewApp();
        var tenant = await app.TenantAsync();
        var childcare = await app.DepartmentAsync(tenant, "保育課");
        var (_, admin) = await app.TenantAdminAsync(tenant);

        var refused = await admin.SubmitAsync($"/{tenant.Code}/staff/webhooks",
            new Dictionary<string, string> { ["Input.Url"] = "http://kikan.example.jp/hook", ["Input.Description"] = "平文" }, "form.stack");
        Assert.Contains("URLは https:// で始まるものを入力してください。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await RegisterAsync(admin, tenant, "https://kikan.example.jp/all");
        await RegisterAsync(admin, tenant, "https://kikan.example.jp/childcare", childcare);
        var submitted = await app.SubmittedAsync(tenant, "jidou-teate-nintei");

        var deliveries = await app.DbAsync(db => db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking().Where(d => d.ApplicationId == submitted.Id).ToListAsync());
        var delivery = Assert.Single(deliveries); // the childcare endpoint does not hear of 市民課's application
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        using var payload = JsonDocument.Parse(delivery.Payload);
        Assert.Equal(StatusChangeWebhooks.EventType, payload.RootElement.GetProperty("type").GetString());
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal(submitted.Id, data.GetProperty("applicationId").GetGuid());
        Assert.Equal(submitted.Number, data.GetProperty("receiptNumber").GetString());
        Assert.Equal("Draft", data.GetProperty("oldStatus").GetString());
        Assert.Equal("Submitted", data.GetProperty("newStatus").GetString());
        Assert.DoesNotContain("山田", delivery.Payload, StringComparison.Ordinal);

        // Any later status change, by whichever service, queues its own event through SaveChanges.
        await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
            var application = await db.Set<Madoguchi.Procedures.Applications.Application>().SingleAsync(a => a.Id == submitted.Id);
            application.Status = Madoguchi.Procedures.Applications.ApplicationStatus.UnderReview;
            application.UpdatedAt = DateTime.UtcNow; // a change that is not of Status queues nothing by itself
            return await db.SaveChangesAsync();
        });
        var events = await app.DbAsync(db => db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.ApplicationId == submitted.Id).OrderBy(d => d.CreatedAt).Select(d => d.Payload).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.Contains("\"oldStatus\":\"Submitted\",\"newStatus\":\"UnderReview\"", events[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_delivery_is_retried_after_a_500_and_then_done_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        await using var app = NewApp();
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        receiver.Secret = await RegisterAsync(admin, tenant, receiver.Url);
        var submitted = await app.SubmittedAsync(tenant, "risai-shoumei");
        var clock = new TestClock();
        var sender = Sender(app, clock);

        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        var first = await app.DbAsync(db => db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking().SingleAsync(d => d.ApplicationId == submitted.Id));
        Assert.Equal(WebhookDeliveryStatus.Pending, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.Equal(500, first.LastStatusCode);
        Assert.InRange(first.NextAttemptAt, clock.GetUtcNow().UtcDateTime.AddSeconds(14), clock.GetUtcNow().UtcDateTime.AddSeconds(31));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None)); // not due yet

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        var done = await app.DbAsync(db => db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking().SingleAsync(d => d.Id == first.Id));
        Assert.Equal(WebhookDeliveryStatus.Delivered, done.Status);
        Assert.Equal(2, done.Attempts);
        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        Assert.Equal([500, 204], requests.Select(r => r.Answered));
        Assert.Equal(requests[0].Id, requests[1].Id); // the same webhook-id, so receivers can de-duplicate
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal("msg_" + first.Id.ToString("N"), requests[0].Id);
    }

    [Fact]
    public async Task Two_senders_on_one_database_never_deliver_the_same_event_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = NewApp();
        var tenant = await app.TenantAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        receiver.Secret = await RegisterAsync(admin, tenant, receiver.Url);
        for (var i = 0; i < 12; i++)
        {
            await app.SubmittedAsync(tenant, "risai-shoumei");
        }

        await using var secondNode = app.SecondNode().With("Integration:WebhooksEnabled", "false");
        var one = Sender(app);
        var two = Sender(secondNode);
        var claimed = 0;
        for (var round = 0; round < 5; round++)
        {
            var passes = await Task.WhenAll(one.SendDueAsync(CancellationToken.None), two.SendDueAsync(CancellationToken.None),
                one.SendDueAsync(CancellationToken.None), two.SendDueAsync(CancellationToken.None));
            claimed += passes.Sum();
        }

        Assert.Equal(12, claimed);
        var requests = receiver.Requests.ToList();
        Assert.Equal(12, requests.Count);
        Assert.Equal(12, requests.Select(r => r.Id).Distinct().Count());
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        Assert.Equal(12, await app.DbAsync(db => db.Set<WebhookDelivery>().IgnoreQueryFilters().CountAsync(d => d.Status == WebhookDeliveryStatus.Delivered)));
    }
}
