using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Demo;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Open311;
using Madoguchi.Reports.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 7's two benchmarks. (1) Open311 <c>GET requests</c> with lat/long/radius over --reports
/// reports (default 1,000,000) of one municipality, one request at a time, against the trivial
/// <c>GET services</c> of the same host in the same rounds; the goal is p95 ≤ 50 ms. (2) Report
/// submissions per second (Open311 <c>POST requests</c>: api_key, area check, validation, report,
/// history row, audit) at 1, 16 and 64 clients, against a bare endpoint in the same run that stores
/// a body of the same size with one durable insert.
/// </summary>
internal static class ReportsBench
{
    private const double GoalP95Ms = 50;
    private const string Osaki = "042153";

    private sealed record Case(string Name, Func<Random, string> Url);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var database = await BenchDatabase.CreateAsync(options);
        using var app = AppHost.Start(database);
        await using var bare = await BareEndpoint.StartAsync(database);
        var tenant = await app.CreateTenantAsync("道路課");
        var key = Open311Client.NewKey();
        var categories = await app.InTenantAsync(tenant, async (_, db) =>
        {
            var rows = StandardCategories.All.Take(3).Select((c, i) => new ReportCategory
            {
                TenantId = tenant.Id, Code = c.Code, Name = c.Name, DepartmentId = tenant.Departments[0], SortOrder = i,
            }).ToList();
            db.AddRange(rows);
            db.Add(new ReportArea { TenantId = tenant.Id, GeoJson = DemoAreas.GeoJson(DemoAreas.All.Single(a => a.Code == Osaki).Outline) });
            db.Add(new Open311Client { TenantId = tenant.Id, Name = "bench", TokenHash = Open311Client.Hash(key) });
            await db.SaveChangesAsync();
            return rows;
        });

        var now = DateTime.UtcNow;
        Console.WriteLine($"provider: {options.Provider}; seeding {options.Reports:N0} reports (and one history row each) around 大崎市's town centres …");
        var seeded = await ReportSeeder.SeedAsync(database, tenant.Id, categories.Select(c => c.Id).ToList(), tenant.Departments[0], options.Reports, now);
        await QueueSeeder.AnalyzeAsync(database);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {seeded.TotalSeconds:F0} s (plain SQL batches of 20,000), then ANALYZE"));

        using var http = new HttpClient { BaseAddress = app.Address };
        await ReadsAsync(http, tenant, options, now);
        await SubmissionsAsync(http, bare, tenant, options, key, categories[0].Code);
        return 0;
    }

    private static async Task ReadsAsync(HttpClient http, BenchTenant tenant, BenchOptions options, DateTime now)
    {
        var api = $"/{tenant.Code}/open311/v2";
        string Near(Random r, double radius, bool allYears, bool centre)
        {
            var (lat, lon) = centre ? ReportSeeder.Centres[r.Next(ReportSeeder.Centres.Length)] : ReportSeeder.Place(r);
            var since = allYears ? "&start_date=" + (now.AddYears(-6)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
            return string.Create(CultureInfo.InvariantCulture, $"{api}/requests.json?lat={lat:F5}&long={lon:F5}&radius={radius}{since}");
        }

        Case[] cases =
        [
            new("500 m, last 90 days, town centre", r => Near(r, 500, false, true)),
            new("500 m, last 90 days, anywhere", r => Near(r, 500, false, false)),
            new("2 km, last 90 days, town centre", r => Near(r, 2000, false, true)),
            new("500 m, all 5 years, anywhere", r => Near(r, 500, true, false)),
            new("500 m, all 5 years, town centre", r => Near(r, 500, true, true)),
        ];
        var baseline = new Case("baseline: GET services.json", _ => $"{api}/services.json");
        var random = new Random(7);
        foreach (var c in cases.Append(baseline))
        {
            for (var i = 0; i < 3; i++)
            {
                await GetAsync(http, c.Url(random)); // warm-up: JIT, compiled queries, the database's page cache
            }
        }

        var tallies = cases.Append(baseline).ToDictionary(c => c, _ => new LoadDriver.Tally());
        var perRound = Math.Max(1, options.Requests / options.Rounds);
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var c in cases)
            {
                // The baseline runs between the cases, so that load changes on the machine weigh on both.
                foreach (var measured in new[] { c, baseline })
                {
                    var urls = Enumerable.Range(0, perRound).Select(_ => measured.Url(random)).ToList();
                    await LoadDriver.RunAsync([urls.Select(u => new LoadDriver.Request(() => GetAsync(http, u))).ToList()], tallies[measured]);
                }
            }
        }

        Console.WriteLine($"{"GET requests case",-40} {"requests",8} {"p50 ms",8} {"p95 ms",8} {"p95/base",8} {"goal",5}");
        var services = tallies[baseline];
        foreach (var c in cases.Append(baseline))
        {
            var t = tallies[c];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Name,-40} {t.Requests,8} {t.Percentile(50),8:F1} {t.Percentile(95),8:F1} {t.Percentile(95) / services.Percentile(95),8:F1} {(c == baseline ? "" : t.Percentile(95) <= GoalP95Ms ? "ok" : "MISS"),5}"));
            if (t.Failures > 0)
            {
                Console.WriteLine($"  {t.Failures} requests failed");
            }
        }

        // What the answers held, so a reader can see they were not empty.
        foreach (var c in cases)
        {
            var sizes = new List<int>();
            for (var i = 0; i < 10; i++)
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync(c.Url(random)));
                sizes.Add(doc.RootElement.GetArrayLength());
            }

            Console.WriteLine($"  {c.Name}: {sizes.Min()}–{sizes.Max()} requests per answer (10 samples)");
        }
    }

    private static async Task<bool> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task SubmissionsAsync(HttpClient http, BareEndpoint bare, BenchTenant tenant, BenchOptions options, string key, string serviceCode)
    {
        var random = new Random(11);
        Dictionary<string, string> Fields(int i)
        {
            var (lat, lon) = ReportSeeder.Centres[i % ReportSeeder.Centres.Length];
            return new Dictionary<string, string>
            {
                ["api_key"] = key, ["service_code"] = serviceCode,
                ["lat"] = (lat + (random.NextDouble() - 0.5) * 0.01).ToString("F6", CultureInfo.InvariantCulture),
                ["long"] = (lon + (random.NextDouble() - 0.5) * 0.01).ToString("F6", CultureInfo.InvariantCulture),
                ["address_string"] = $"大崎市内 {i} 番地付近", ["description"] = "歩道に大きな穴があいていて、つまずきそうです。",
            };
        }

        var size = (int)new FormUrlEncodedContent(Fields(0)).Headers.ContentLength!.Value;
        var body = new string('x', size);
        var bareUri = new Uri(bare.Address, "/bare");
        using var bareClient = new HttpClient();
        Task<bool> Bare() => PostAsync(bareClient, bareUri, new StringContent(body, Encoding.UTF8, "text/plain"), HttpStatusCode.NoContent);
        Task<bool> Submit(int i) => PostAsync(http, new Uri(http.BaseAddress!, $"/{tenant.Code}/open311/v2/requests.json"), new FormUrlEncodedContent(Fields(i)), HttpStatusCode.Created);

        for (var i = 0; i < 20; i++)
        {
            await Bare();
            await Submit(i);
        }

        var sent = 20;
        Console.WriteLine($"submissions: Open311 POST requests.json (form body {size} bytes) against a bare durable insert of a body of the same size; " +
            $"{options.Rounds} rounds per level, cases alternating; requests per case and round: max({options.Requests}, 4 × clients)");
        Console.WriteLine($"{"case",-34} {"clients",7} {"requests",8} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"ratio",6} {"failed",6}");
        foreach (var clients in options.Clients)
        {
            var requests = Math.Max(options.Requests, clients * 4);
            var bareTally = new LoadDriver.Tally();
            var submitTally = new LoadDriver.Tally();
            for (var round = 0; round < options.Rounds; round++)
            {
                var first = sent;
                Func<Task> submitRound = () => LoadDriver.SpreadAsync(clients, requests, i => Submit(first + i), submitTally);
                Func<Task> bareRound = () => LoadDriver.SpreadAsync(clients, requests, _ => Bare(), bareTally);
                foreach (var run in round % 2 == 0 ? new[] { bareRound, submitRound } : [submitRound, bareRound])
                {
                    await run();
                }

                sent += requests;
            }

            Print("bare insert (minimal API + ADO.NET)", clients, bareTally, bareTally.PerSecond);
            Print("report submission (Open311 POST)", clients, submitTally, bareTally.PerSecond);
        }

        using var check = JsonDocument.Parse(await http.GetStringAsync($"/{tenant.Code}/open311/v2/requests.json?service_code={serviceCode}&lat=38.577&long=140.9556&radius=10000"));
        Console.WriteLine($"check: {sent} submissions sent; GET requests near 古川 answers {check.RootElement.GetArrayLength()} (capped at {Open311Requests.MaxResults})");
    }

    private static async Task<bool> PostAsync(HttpClient client, Uri uri, HttpContent content, HttpStatusCode expected)
    {
        using var response = await client.PostAsync(uri, content);
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode == expected;
    }

    private static void Print(string name, int clients, LoadDriver.Tally tally, double baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} {clients,7} {tally.Requests,8} {tally.PerSecond,8:F0} {tally.Percentile(50),8:F1} {tally.Percentile(99),8:F1} {tally.PerSecond / baseline,6:F2} {tally.Failures,6}"));
}
