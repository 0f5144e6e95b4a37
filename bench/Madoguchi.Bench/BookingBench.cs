using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Madoguchi.Counter.Reservations;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 5: 1,000 booking attempts at once on 10 slots of capacity 1, through the real HTTP
/// confirmation POST (the e-mail booking path: sealed link, antiforgery, conditional UPDATE of
/// the slot's place, reservation row, audit entry and mail with .ics in one transaction). Exactly
/// 10 must book; the others are told the slot is full. Against a bare insert endpoint in the same
/// run, with the same clients and number of requests.
/// </summary>
internal static partial class BookingBench
{
    private const int Slots = 10;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var database = await BenchDatabase.CreateAsync(options);
        using var app = AppHost.Start(database);
        await using var bare = await BareEndpoint.StartAsync(database);
        var tenant = await app.CreateTenantAsync("市民課");
        var clients = options.Clients.Max();
        var attempts = options.Requests;
        Console.WriteLine($"provider: {options.Provider}; {attempts} attempts on {Slots} slots of capacity 1, {clients} concurrent clients, {options.Rounds} rounds");

        Console.WriteLine($"{"case",-36} {"round",5} {"requests",8} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"ratio",6} {"failed",6} {"booked",6}");
        var ok = true;
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Each round books a fresh service, so every round starts with 10 empty slots.
            var (service, starts) = await ServiceAsync(app, tenant, round);
            var links = await app.InTenantAsync(tenant, (sp, _) => Task.FromResult(Enumerable.Range(0, attempts).Select(i =>
                $"/{tenant.Code}/counter/confirm/" + sp.GetRequiredService<EmailConfirmation>().Seal(new EmailConfirmation.Pending(
                    service, starts[i % Slots], $"ベンチ 住民{i}", string.Create(CultureInfo.InvariantCulture, $"b{round}-{i}@bench.example.jp")))).ToList()));
            var browsers = await BrowsersAsync(app, links[0], clients);

            var bareTally = new LoadDriver.Tally();
            var bookTally = new LoadDriver.Tally();
            var bareUri = new Uri(bare.Address, "/bare");
            var bareRound = () => LoadDriver.SpreadAsync(clients, attempts, async i =>
            {
                using var response = await browsers[i % clients].Client.PostAsync(bareUri, new StringContent("booking", System.Text.Encoding.UTF8, "text/plain"));
                return response.StatusCode == HttpStatusCode.NoContent;
            }, bareTally);
            var bookRound = () => LoadDriver.SpreadAsync(clients, attempts, async i =>
            {
                var b = browsers[i % clients];
                using var response = await b.Client.PostAsync(new Uri(app.Address, links[i]),
                    new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = b.Token }));
                // A booking answers with the redirect to its page, a full slot with the page and its message.
                return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK;
            }, bookTally);
            foreach (var run in round % 2 == 1 ? new[] { bareRound, bookRound } : [bookRound, bareRound])
            {
                await run();
            }

            var (booked, places) = await app.InTenantAsync(tenant, async (_, db) => (
                await db.Set<Reservation>().CountAsync(r => r.ServiceId == service),
                await db.Set<SlotLoad>().Where(l => l.ServiceId == service).Select(l => l.Booked).ToListAsync()));
            Print("bare insert (minimal API + ADO.NET)", round, bareTally, bareTally.PerSecond, null);
            Print("booking attempt (confirm POST)", round, bookTally, bareTally.PerSecond, booked);
            var exact = booked == Slots && places.Count == Slots && places.All(p => p == 1);
            ok &= exact;
            Console.WriteLine($"check: {booked} reservations, slot places taken [{string.Join(",", places)}] → {(exact ? "exactly 10, no overbooking" : "WRONG")}");
            foreach (var b in browsers)
            {
                b.Client.Dispose();
            }
        }

        return ok ? 0 : 1;
    }

    private sealed record Browser(HttpClient Client, string Token);

    /// <summary>Clients with their own cookies and the antiforgery token of the confirmation page (prepared outside the measurement).</summary>
    private static async Task<Browser[]> BrowsersAsync(AppHost app, string page, int count)
    {
        var browsers = new Browser[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 1 })
            {
                BaseAddress = app.Address,
            };
            var html = await client.GetStringAsync(page, ct);
            browsers[i] = new Browser(client, TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
                : throw new InvalidOperationException("No antiforgery token on the confirmation page."));
        });
        return browsers;
    }

    /// <summary>A service open every day 9:00–17:00 in 30-minute slots of capacity 1; the 10 slots are on the next open day.</summary>
    private static async Task<(Guid Service, DateTime[] Starts)> ServiceAsync(AppHost app, BenchTenant tenant, int round)
    {
        var service = new CounterService
        {
            TenantId = tenant.Id, DepartmentId = tenant.Departments[0], Code = $"bench{round}", Name = "住民異動", SlotMinutes = 30, Capacity = 1, BookingDaysAhead = 365,
        };
        await app.InTenantAsync(tenant, async (_, db) =>
        {
            db.Add(service);
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                db.Add(new CounterHours { ServiceId = service.Id, Weekday = day, OpensAt = 9 * 60, ClosesAt = 17 * 60 });
            }

            return await db.SaveChangesAsync();
        });
        var date = SlotRules.TodayInJapan(DateTime.UtcNow).AddDays(1);
        while (JapaneseHolidays.IsHoliday(date) || JapaneseHolidays.IsYearEndClosure(date))
        {
            date = date.AddDays(1);
        }

        var first = Wareki.StartOfJapanDay(date).AddHours(9);
        return (service.Id, Enumerable.Range(0, Slots).Select(i => first.AddMinutes(30 * i)).ToArray());
    }

    private static void Print(string name, int round, LoadDriver.Tally tally, double baseline, int? booked) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-36} {round,5} {tally.Requests,8} {tally.PerSecond,8:F0} {tally.Percentile(50),8:F1} {tally.Percentile(99),8:F1} {tally.PerSecond / baseline,6:F2} {tally.Failures,6} {(booked?.ToString(CultureInfo.InvariantCulture) ?? ""),6}"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
