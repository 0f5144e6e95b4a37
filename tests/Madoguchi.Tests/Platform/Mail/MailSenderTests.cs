using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Mail;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Madoguchi.Tests.Platform.Mail;

/// <summary>
/// The outbox sender against a real SMTP server process. Each test has its own app and database:
/// a sender takes every due mail, so mails left by another test would be sent here too.
/// </summary>
public sealed class MailSenderTests(ITestOutputHelper output)
{
    private const string Subject = "【テスト市】転入届を受け付けました";
    private const string Body = "山田 太郎 様\n\n転入届（受付番号 令和8年-000123）を受け付けました。\n窓口での本人確認は不要です。\n";

    [Fact]
    public async Task Japanese_mail_arrives_once_with_intact_text_and_its_message_id()
    {
        await using var smtp = await SmtpServerProcess.StartAsync();
        await using var app = new MadoguchiApp();
        var id = await app.EnqueueAsync("taro@example.jp", Subject, Body);
        var sender = app.Sender(smtp.Port);

        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        var message = Assert.Single(smtp.Messages());
        Assert.Equal(Subject, message.Subject);
        Assert.Equal(Body, (message.TextBody ?? "").ReplaceLineEndings("\n"));
        Assert.Equal(MailSender.MessageIdOf(id), message.MessageId);
        Assert.Equal("窓口 Madoguchi", Assert.Single(message.From.Mailboxes).Name);
        Assert.Equal("taro@example.jp", Assert.Single(message.To.Mailboxes).Address);

        var mail = await app.MailAsync(id);
        Assert.Equal(OutboxMailStatus.Sent, mail.Status);
        Assert.NotNull(mail.SentAt);
        Assert.Equal(1, mail.Attempts);
        Assert.Null(mail.ClaimToken);

        // The final state is a change on the audit trail, by the mail worker.
        var audit = await app.DbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.EntityType == nameof(OutboxMail) && a.EntityId == id.ToString() && a.Action == "updated")
            .ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("system:mail", entry.Actor);
        Assert.Contains("Sent", entry.Changes);

        var metrics = await app.Browser().GetStringAsync("/metrics");
        Assert.Contains("madoguchi_mail_sent_total", metrics);
    }

    [Fact]
    public async Task Server_down_backs_off_then_delivers_once_it_is_up()
    {
        var port = SmtpServerProcess.FreePort();
        await using var app = new MadoguchiApp();
        var id = await app.EnqueueAsync("hanako@example.jp", Subject, Body);
        var clock = new TestClock();
        var sender = app.Sender(port, clock);

        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        var first = await app.MailAsync(id);
        Assert.Equal(OutboxMailStatus.Pending, first.Status);
        Assert.Equal(1, first.Attempts);
        Assert.False(string.IsNullOrEmpty(first.LastError));
        Assert.Null(first.ClaimToken);
        AssertWithin(first.NextAttemptAt, clock, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));

        // Not due yet: nothing is attempted.
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        var second = await app.MailAsync(id);
        Assert.Equal(2, second.Attempts);
        AssertWithin(second.NextAttemptAt, clock, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

        await using var smtp = await SmtpServerProcess.StartAsync(port);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));

        var sent = await app.MailAsync(id);
        Assert.Equal(OutboxMailStatus.Sent, sent.Status);
        Assert.Equal(3, sent.Attempts);
        Assert.Equal(MailSender.MessageIdOf(id), Assert.Single(smtp.Messages()).MessageId);
    }

    [Fact]
    public async Task Mail_fails_for_good_after_max_attempts()
    {
        var port = SmtpServerProcess.FreePort();
        await using var app = new MadoguchiApp();
        var id = await app.EnqueueAsync("jiro@example.jp", Subject, Body);
        var clock = new TestClock();
        var sender = app.Sender(port, clock, maxAttempts: 3);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
            clock.Advance(TimeSpan.FromHours(1));
        }

        var mail = await app.MailAsync(id);
        Assert.Equal(OutboxMailStatus.Failed, mail.Status);
        Assert.Equal(3, mail.Attempts);
        Assert.Contains($"127.0.0.1:{port}", mail.LastError);
        Assert.Null(mail.SentAt);
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Invalid_recipient_fails_at_once_without_retrying()
    {
        await using var smtp = await SmtpServerProcess.StartAsync();
        await using var app = new MadoguchiApp();
        var id = await app.EnqueueAsync("not an address", Subject, Body);

        Assert.Equal(1, await app.Sender(smtp.Port).SendDueAsync(CancellationToken.None));

        var mail = await app.MailAsync(id);
        Assert.Equal(OutboxMailStatus.Failed, mail.Status);
        Assert.Equal(1, mail.Attempts);
        Assert.Contains("not an address", mail.LastError);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task Two_nodes_racing_on_the_same_mails_deliver_each_exactly_once()
    {
        const int count = 50;
        await using var smtp = await SmtpServerProcess.StartAsync();
        await using var app = new MadoguchiApp();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await app.EnqueueAsync($"resident{i}@example.jp", $"{Subject} #{i}", Body));
        }

        // Both nodes see all 50 as due in their first pass, so every mail is contended.
        var nodeA = app.Sender(smtp.Port, batchSize: count);
        var nodeB = app.Sender(smtp.Port, batchSize: count);
        var claims = await Task.WhenAll(Task.Run(() => DrainAsync(app, nodeA)), Task.Run(() => DrainAsync(app, nodeB)));
        output.WriteLine($"node A claimed {claims[0]}, node B claimed {claims[1]} ({TestDatabase.Provider})");

        Assert.Equal(count, claims.Sum());
        var received = smtp.Messages().GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(count, received.Count);
        Assert.All(ids, id => Assert.Equal(1, received.GetValueOrDefault(MailSender.MessageIdOf(id))));
        Assert.Equal(count, await app.DbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.Status == OutboxMailStatus.Sent && m.Attempts == 1)));
    }

    /// <summary>
    /// One node's loop until nothing is pending. Bounded by time, not passes: while the other node
    /// holds claims and talks SMTP, this one finds nothing to claim and would burn any pass count.
    /// </summary>
    private static async Task<int> DrainAsync(MadoguchiApp app, MailSender node)
    {
        var claimed = 0;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var sent = await node.SendDueAsync(CancellationToken.None);
            claimed += sent;
            if (await app.DbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.Status == OutboxMailStatus.Pending)) == 0)
            {
                return claimed;
            }

            if (sent == 0)
            {
                await Task.Delay(10);
            }
        }

        Assert.Fail("Mails still pending after a minute of passes.");
        return claimed;
    }

    [Fact]
    public async Task Mail_claimed_by_a_dead_node_is_sent_once_its_lease_expires()
    {
        await using var smtp = await SmtpServerProcess.StartAsync();
        await using var app = new MadoguchiApp();
        var abandoned = await app.EnqueueAsync("abandoned@example.jp", Subject, Body);
        var busy = await app.EnqueueAsync("busy@example.jp", Subject, Body);
        var deadNode = Guid.NewGuid();
        var liveNode = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await app.DbAsync(async db =>
        {
            await db.Set<OutboxMail>().Where(m => m.Id == abandoned)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, deadNode).SetProperty(m => m.ClaimedUntil, now.AddMinutes(-1)));
            await db.Set<OutboxMail>().Where(m => m.Id == busy)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, liveNode).SetProperty(m => m.ClaimedUntil, now.AddMinutes(5)));
        });

        Assert.Equal(1, await app.Sender(smtp.Port).SendDueAsync(CancellationToken.None));

        Assert.Equal(MailSender.MessageIdOf(abandoned), Assert.Single(smtp.Messages()).MessageId);
        Assert.Equal(OutboxMailStatus.Sent, (await app.MailAsync(abandoned)).Status);
        var stillClaimed = await app.MailAsync(busy);
        Assert.Equal(OutboxMailStatus.Pending, stillClaimed.Status);
        Assert.Equal(liveNode, stillClaimed.ClaimToken);
    }

    [Fact]
    public async Task Hosted_worker_sends_queued_mail_when_a_host_is_configured()
    {
        await using var smtp = await SmtpServerProcess.StartAsync();
        await using var app = new MadoguchiApp()
            .With("Mail:Host", "127.0.0.1")
            .With("Mail:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Mail:PollInterval", "00:00:00.100");
        var id = await app.EnqueueAsync("worker@example.jp", Subject, Body);

        await Eventually.TrueAsync(async () => (await app.MailAsync(id)).Status == OutboxMailStatus.Sent, "the worker marks the mail Sent");
        Assert.Equal(MailSender.MessageIdOf(id), Assert.Single(smtp.Messages()).MessageId);
    }

    [Fact]
    public async Task Without_a_host_mail_stays_pending()
    {
        await using var app = new MadoguchiApp();
        var id = await app.EnqueueAsync("pending@example.jp", Subject, Body);
        var sender = app.Sender(new MailOptions());

        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        var mail = await app.MailAsync(id);
        Assert.Equal(OutboxMailStatus.Pending, mail.Status);
        Assert.Equal(0, mail.Attempts);
    }

    [Fact]
    public void Enabling_mail_without_a_host_is_refused_at_start()
    {
        using var app = new MadoguchiApp().With("Mail:Enabled", "true");
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Mail:Host", error.ToString());
    }

    private static void AssertWithin(DateTime at, TestClock clock, TimeSpan min, TimeSpan max)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var delay = DateTime.SpecifyKind(at, DateTimeKind.Utc) - now;
        Assert.InRange(delay, min - TimeSpan.FromSeconds(1), max + TimeSpan.FromSeconds(1));
    }
}
