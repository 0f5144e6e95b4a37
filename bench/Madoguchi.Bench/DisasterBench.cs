using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Madoguchi.Disaster;
using Madoguchi.Disaster.Notices;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Audit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 9: one notice fanned out to --rows subscribers (default 100,000). Measures the time until
/// every message is queued (the real approval transaction: version check, audit, INSERT … SELECT
/// per channel) against a bare INSERT … SELECT of the same rows into an unindexed table, then the
/// delivery rate of the real dispatcher to a local SMTP server (aiosmtpd) against a bare MailKit
/// loop sending the same kind of mail over one connection.
/// </summary>
internal static class DisasterBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var smtp = StartSmtp(out var port, out var maildir);
        Environment.SetEnvironmentVariable("Mail__Host", "127.0.0.1");
        Environment.SetEnvironmentVariable("Mail__Port", port.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("Mail__Enabled", "false");
        Environment.SetEnvironmentVariable("Disaster__DispatcherEnabled", "false");
        await using var database = await BenchDatabase.CreateAsync(options);
        await using var host = AppHost.Start(database);
        var tenant = await host.CreateTenantAsync("危機管理課");
        var rows = options.Rows;
        Console.WriteLine($"provider: {options.Provider}, {rows} subscribers in one area, SMTP: aiosmtpd on 127.0.0.1:{port}");

        var (areaId, noticeId) = await host.InTenantAsync(tenant, async (_, db) =>
        {
            var area = new DisasterArea { Name = "古川" };
            db.Add(area);
            var notice = new Notice { Level = NoticeLevel.Level4, Title = "大雨による避難指示", BodyJapanese = "直ちに避難してください。", ComposedBy = Guid.NewGuid(), ComposedByName = "ベンチ" };
            db.Add(notice);
            await db.SaveChangesAsync();
            db.Add(new NoticeArea { NoticeId = notice.Id, AreaId = area.Id });
            await db.SaveChangesAsync();
            return (area.Id, notice.Id);
        });

        var seed = Stopwatch.StartNew();
        await SeedAsync(host, tenant, areaId, rows, database.IsPostgres);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {rows} subscribers in {seed.Elapsed.TotalSeconds:F1} s (not measured)"));

        // Baseline: the same rows selected and inserted, bare, into a table without keys or indexes.
        var baseline = await host.InTenantAsync(tenant, async (_, db) =>
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE bench_fanout (notice_id TEXT, subscriber_id TEXT, channel TEXT)");
            var watch = Stopwatch.StartNew();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var n = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO bench_fanout (notice_id, subscriber_id, channel)
                SELECT CAST({noticeId} AS TEXT), CAST(s."Id" AS TEXT), 'Email' FROM "DisasterSubscribers" s WHERE s."TenantId" = {tenant.Id}
                """);
            await transaction.CommitAsync();
            return (Rows: n, Seconds: watch.Elapsed.TotalSeconds);
        });

        var fanOut = await host.InTenantAsync(tenant, async (sp, db) =>
        {
            sp.GetRequiredService<AuditActor>().ActAsSystem("bench");
            var notice = await db.Set<Notice>().SingleAsync(n => n.Id == noticeId);
            var watch = Stopwatch.StartNew();
            var problem = await sp.GetRequiredService<NoticeSending>().SendAsync(notice, notice.Version, Guid.NewGuid(), "ベンチ承認者", requireApproval: true, CancellationToken.None);
            return (Problem: problem, Queued: notice.Queued, Seconds: watch.Elapsed.TotalSeconds);
        });
        if (fanOut.Problem is not null)
        {
            Console.WriteLine("fan-out refused: " + fanOut.Problem.Message);
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline: bare INSERT … SELECT        {baseline.Rows,7} rows in {baseline.Seconds,6:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fan-out: approve + queue (real)      {fanOut.Queued,7} rows in {fanOut.Seconds,6:F2} s  ratio {fanOut.Seconds / baseline.Seconds:F2}x the baseline time  (target ≤ 10 s)"));

        // Delivery: the bare loop first, then the real dispatcher on a second node, each for --seconds.
        var seconds = options.Seconds;
        var bare = await BareSmtpAsync(port, seconds);
        var before = Directory.Exists(maildir) ? Directory.GetFiles(maildir).Length : 0;
        Environment.SetEnvironmentVariable("Disaster__DispatcherEnabled", "true");
        Environment.SetEnvironmentVariable("Disaster__PollInterval", "00:00:00.050");
        Environment.SetEnvironmentVariable("Disaster__BatchSize", "200");
        var watch = Stopwatch.StartNew();
        await using (var dispatcherNode = AppHost.Start(database))
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        var sent = await host.InTenantAsync(tenant, (_, db) => db.Set<NoticeDelivery>().CountAsync(d => d.NoticeId == noticeId && d.Status == DeliveryStatus.Sent));
        var received = (Directory.Exists(maildir) ? Directory.GetFiles(maildir).Length : 0) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline: bare MailKit loop          {bare.Sent,7} mails in {bare.Seconds,6:F2} s = {bare.Sent / bare.Seconds,7:F0} mails/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dispatcher (one node)                {sent,7} sent  in {elapsed,6:F2} s = {sent / elapsed,7:F0} mails/s  ratio {sent / elapsed / (bare.Sent / bare.Seconds):F2}  (SMTP server received {received})"));
        return 0;
    }

    private static async Task SeedAsync(AppHost host, BenchTenant tenant, Guid areaId, int rows, bool postgres)
    {
        const int chunk = 2000;
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        string G(Guid g) => postgres ? $"'{g}'" : $"'{g.ToString().ToUpperInvariant()}'";
        var yes = postgres ? "true" : "1";
        await host.InTenantAsync(tenant, async (_, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var start = 0; start < rows; start += chunk)
            {
                var subscribers = new StringBuilder("INSERT INTO \"DisasterSubscribers\" (\"Id\", \"TenantId\", \"Email\", \"Language\", \"ByEmail\", \"TokenHash\", \"ConfirmedAt\", \"CreatedAt\", \"Version\") VALUES ");
                var areas = new StringBuilder("INSERT INTO \"DisasterSubscriberAreas\" (\"Id\", \"TenantId\", \"SubscriberId\", \"AreaId\") VALUES ");
                for (var i = start; i < Math.Min(rows, start + chunk); i++)
                {
                    var id = Guid.CreateVersion7();
                    var sep = i == start ? "" : ",";
                    subscribers.Append(CultureInfo.InvariantCulture, $"{sep}({G(id)}, {G(tenant.Id)}, 'r{i}@example.jp', 'Japanese', {yes}, '{Subscriber.Hash(i.ToString(CultureInfo.InvariantCulture))}', '{now}', '{now}', 0)");
                    areas.Append(CultureInfo.InvariantCulture, $"{sep}({G(Guid.CreateVersion7())}, {G(tenant.Id)}, {G(id)}, {G(areaId)})");
                }

                await db.Database.ExecuteSqlRawAsync(subscribers.ToString());
                await db.Database.ExecuteSqlRawAsync(areas.ToString());
            }

            await transaction.CommitAsync();
            return 0;
        });
    }

    private static async Task<(int Sent, double Seconds)> BareSmtpAsync(int port, double seconds)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var message = new MimeMessage { Subject = "【警戒レベル4 避難指示】大雨による避難指示" };
            message.From.Add(new MailboxAddress("ベンチ市", "no-reply@madoguchi.invalid"));
            message.To.Add(new MailboxAddress("", $"bare{sent}@example.jp"));
            message.Body = new TextPart("plain") { Text = "ベンチ市からのお知らせです。\n直ちに避難してください。" };
            await client.SendAsync(message);
            sent++;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        await client.DisconnectAsync(true);
        return (sent, elapsed);
    }

    private static DisposableProcess StartSmtp(out int port, out string maildirNew)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var root = Directory.CreateTempSubdirectory("madoguchi-bench-smtp-").FullName;
        maildirNew = Path.Combine(root, "maildir", "new");
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(root, "maildir") },
            UseShellExecute = false,
        })!;
        for (var i = 0; i < 100; i++)
        {
            using var probe = new TcpClient();
            try
            {
                probe.Connect(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        return new DisposableProcess(process, root);
    }

    private sealed class DisposableProcess(Process process, string root) : IDisposable
    {
        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }
}
