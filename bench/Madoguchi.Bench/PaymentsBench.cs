using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Madoguchi.Payments.Ledger;
using Madoguchi.Payments.Reconciliation;
using Madoguchi.Payments.Stripe;
using Madoguchi.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 8. (1) Signed Stripe webhooks (payment_intent.payment_failed, each moving one payment:
/// signature check, event de-duplication insert, payment update, audit) per second at 16 clients,
/// against the bare endpoint (one plain INSERT per POST) in the same run. (2) Reconciliation of
/// --rows settlement lines (default 100,000) against as many payments: import of the CSV through
/// the real importer, then the mismatch report.
/// </summary>
internal static class PaymentsBench
{
    private const string Secret = "whsec_bench";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Environment.SetEnvironmentVariable("Payments__StripeWebhookSecret", Secret);
        await using var database = await BenchDatabase.CreateAsync(options);
        await using var host = AppHost.Start(database);
        await using var bare = await BareEndpoint.StartAsync(database);
        var tenant = await host.CreateTenantAsync("市民課");
        var rows = options.Rows;
        var events = options.Requests;
        Console.WriteLine($"provider: {options.Provider}, {events} webhooks at 16 clients, reconciliation of {rows} lines");

        var seed = Stopwatch.StartNew();
        var intents = await SeedAsync(host, tenant, Math.Max(rows, events), database.IsPostgres);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {intents.Count} payments in {seed.Elapsed.TotalSeconds:F1} s (not measured)"));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        var webhookUri = new Uri(host.Address, StripeWebhookEndpoint.Path);
        var bareUri = new Uri(bare.Address, "/bare");
        string Event(int i) => new JsonObject
        {
            ["id"] = $"evt_bench_{i}", ["object"] = "event", ["type"] = "payment_intent.payment_failed",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject
                {
                    ["id"] = intents[i], ["object"] = "payment_intent", ["amount"] = 300, ["currency"] = "jpy", ["status"] = "requires_payment_method",
                    ["last_payment_error"] = new JsonObject { ["message"] = "declined" },
                    ["metadata"] = new JsonObject { ["tenant"] = tenant.Code },
                },
            },
        }.ToJsonString();

        async Task<bool> Webhook(int i)
        {
            var body = Event(i);
            using var request = new HttpRequestMessage(HttpMethod.Post, webhookUri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation(StripeSignature.Header, StripeSignature.Sign(body, Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }

        async Task<bool> Bare(int i)
        {
            using var response = await http.PostAsync(bareUri, new StringContent(Event(i), Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.NoContent;
        }

        var bareTally = new LoadDriver.Tally();
        var hookTally = new LoadDriver.Tally();
        await LoadDriver.SpreadAsync(16, events, Bare, bareTally);
        await LoadDriver.SpreadAsync(16, events, Webhook, hookTally);
        var moved = await host.InTenantAsync(tenant, (_, db) => db.Set<Payment>().CountAsync(p => p.Status == PaymentStatus.Failed));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bare insert (minimal API + ADO.NET)  {bareTally.Requests,6} requests {bareTally.PerSecond,7:F0}/s  p50 {bareTally.Percentile(50),6:F1} ms  p99 {bareTally.Percentile(99),6:F1} ms  failures {bareTally.Failures}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"signed webhook (verify, dedupe, move) {hookTally.Requests,6} requests {hookTally.PerSecond,7:F0}/s  p50 {hookTally.Percentile(50),6:F1} ms  p99 {hookTally.Percentile(99),6:F1} ms  failures {hookTally.Failures}  ratio {hookTally.PerSecond / bareTally.PerSecond:F2}  (payments moved: {moved})"));

        // Reconciliation: every payment paid and settled, with one amount difference planted.
        await host.InTenantAsync(tenant, (_, db) => db.Set<Payment>().ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PaymentStatus.Succeeded)));
        var csv = new StringBuilder("balance_transaction_id,created_utc,reporting_category,currency,gross,fee,net,payment_intent_id\n");
        var at = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        for (var i = 0; i < rows; i++)
        {
            var gross = i == 7 ? 299 : 300;
            csv.Append(CultureInfo.InvariantCulture, $"txn_{i},{at},charge,jpy,{gross},11,{gross - 11},{intents[i]}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var result = await host.InTenantAsync(tenant, async (sp, db) =>
        {
            sp.GetRequiredService<AuditActor>().ActAsSystem("bench");
            var watch = Stopwatch.StartNew();
            var imported = await sp.GetRequiredService<SettlementImporter>().ImportAsync(SettlementSource.Provider, "bench.csv", new MemoryStream(bytes), Guid.NewGuid(), CancellationToken.None);
            var importSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
            var report = await sp.GetRequiredService<Reconciler>().ReportAsync(today.AddDays(-1), today, CancellationToken.None);
            return (imported.NewLines, importSeconds, ReportSeconds: watch.Elapsed.TotalSeconds, report.Mismatches.Count);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reconciliation: import {result.NewLines} lines {result.importSeconds,5:F2} s + report {result.ReportSeconds,5:F2} s = {result.importSeconds + result.ReportSeconds,5:F2} s  (target < 10 s; mismatches found: {result.Count}, planted: 1)"));
        return 0;
    }

    /// <summary>Payments waiting for 3-D Secure, each with its intent id, inserted in chunks of raw SQL.</summary>
    private static async Task<List<string>> SeedAsync(AppHost host, BenchTenant tenant, int count, bool postgres)
    {
        const int chunk = 2000;
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        string G(Guid g) => postgres ? $"'{g}'" : $"'{g.ToString().ToUpperInvariant()}'";
        var intents = Enumerable.Range(0, count).Select(i => $"pi_bench{i:D8}").ToList();
        await host.InTenantAsync(tenant, async (_, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var start = 0; start < count; start += chunk)
            {
                var sql = new StringBuilder("INSERT INTO \"Payments\" (\"Id\", \"TenantId\", \"ApplicationId\", \"Attempt\", \"IdempotencyKey\", \"DepartmentId\", \"FeeItem\", \"AmountYen\", \"RefundedYen\", \"Provider\", \"ProviderPaymentId\", \"Method\", \"Status\", \"CreatedAt\", \"PaidAt\", \"Version\") VALUES ");
                for (var i = start; i < Math.Min(count, start + chunk); i++)
                {
                    // The first --rows are paid (for reconciliation); webhooks move the others' state too.
                    var sep = i == start ? "" : ",";
                    sql.Append(CultureInfo.InvariantCulture,
                        $"{sep}({G(Guid.CreateVersion7())}, {G(tenant.Id)}, {G(Guid.CreateVersion7())}, 1, {G(Guid.NewGuid())}, {G(tenant.Departments[0])}, '住民票の写し', 300, 0, 'Stripe', '{intents[i]}', 'card', 'RequiresAction', '{now}', '{now}', 0)");
                }

                await db.Database.ExecuteSqlRawAsync(sql.ToString());
            }

            await transaction.CommitAsync();
            return 0;
        });
        return intents;
    }
}
