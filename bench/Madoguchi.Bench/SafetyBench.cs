using System.Globalization;
using System.Net;
using System.Text;
using Madoguchi.Disaster.SafetyChecks;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 9: safety answers (安否確認) through the real answer page — POST /{code}/safety/{token}
/// with antiforgery, the token lookup, the campaign check, the versioned update and its audit
/// entry — from --clients concurrent clients (default 100), --requests answers per round (default
/// 1,000, one per target), against a bare insert of the same number of requests on a minimal API
/// in the same process and run. Rounds alternate which case goes first.
/// </summary>
internal static class SafetyBench
{
    private sealed record Client(HttpClient Http, string Token);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var database = await BenchDatabase.CreateAsync(options);
        using var app = AppHost.Start(database);
        await using var bare = await BareEndpoint.StartAsync(database);
        var tenant = await app.CreateTenantAsync("危機管理課");
        var clients = options.Clients[0];
        var requests = options.Requests;
        // A server answers for hours: the warm-up runs long enough for the JIT's tiered recompilation
        // of the request path to settle (with 50 answers it was still recompiling in the measured rounds).
        var warmUp = 2000;
        var tokens = await SeedAsync(app, tenant, warmUp + requests * options.Rounds);
        Console.WriteLine($"provider: {options.Provider}; {clients} clients, {requests} answers per case and round, {options.Rounds} rounds, cases alternating");

        // Each client is one phone: its own cookies and antiforgery token, fetched from an answer page before measuring.
        var people = new List<Client>();
        for (var c = 0; c < clients; c++)
        {
            var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.Address };
            var page = await http.GetStringAsync($"/{tenant.Code}/safety/{tokens[0]}");
            var at = page.IndexOf("name=\"__RequestVerificationToken\"", StringComparison.Ordinal);
            var value = page.IndexOf("value=\"", at, StringComparison.Ordinal) + 7;
            people.Add(new Client(http, page[value..page.IndexOf('"', value)]));
        }

        var bareUri = new Uri(bare.Address, "/bare");
        var body = "answer=Safe&message=" + new string('x', 40);
        Task<bool> Bare(Client c, string _) => PostAsync(c.Http, bareUri, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.NoContent);
        Task<bool> Answer(Client c, string token) => PostAsync(c.Http, new Uri(app.Address, $"/{tenant.Code}/safety/{token}"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = c.Token,
                ["Input.Answer"] = nameof(SafetyAnswer.Safe),
                ["Input.Message"] = "家族全員無事です。",
                ["Input.Version"] = "0",
            }), HttpStatusCode.Redirect);

        await RoundAsync(people, tokens[..warmUp], Bare, new LoadDriver.Tally());
        await RoundAsync(people, tokens[..warmUp], Answer, new LoadDriver.Tally());
        await Task.Delay(TimeSpan.FromSeconds(1));

        var bareTally = new LoadDriver.Tally();
        var answerTally = new LoadDriver.Tally();
        for (var round = 0; round < options.Rounds; round++)
        {
            var slice = tokens.Skip(warmUp + round * requests).Take(requests).ToArray();
            var answerRound = () => RoundAsync(people, slice, Answer, answerTally);
            var bareRound = () => RoundAsync(people, slice, Bare, bareTally);
            foreach (var run in round % 2 == 0 ? new[] { bareRound, answerRound } : [answerRound, bareRound])
            {
                await run();
            }
        }

        Console.WriteLine($"{"case",-38} {"clients",7} {"requests",8} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"ratio",6} {"failed",6} {"cpu ms/req",10}");
        Print("bare insert (minimal API + ADO.NET)", clients, bareTally, bareTally.PerSecond);
        Print("safety answer (answer page POST)", clients, answerTally, bareTally.PerSecond);

        var answered = await app.InTenantAsync(tenant, (_, db) => db.Set<SafetyTarget>().CountAsync(t => t.Answer == SafetyAnswer.Safe));
        Console.WriteLine($"answers recorded: {answered} of {warmUp + requests * options.Rounds}");
        return answered == warmUp + requests * options.Rounds ? 0 : 1;
    }

    /// <summary>One campaign with a target per answer; the personal links' tokens are returned (only hashes are stored).</summary>
    private static Task<string[]> SeedAsync(AppHost app, BenchTenant tenant, int count) =>
        app.InTenantAsync(tenant, async (_, db) =>
        {
            var campaign = new SafetyCampaign { Title = "ベンチ安否確認", CreatedByName = "ベンチ" };
            db.Add(campaign);
            var tokens = new string[count];
            for (var i = 0; i < count; i++)
            {
                tokens[i] = SafetyTarget.NewToken();
                db.Add(new SafetyTarget { CampaignId = campaign.Id, Name = "住民" + i.ToString(CultureInfo.InvariantCulture), TokenHash = SafetyTarget.Hash(tokens[i]) });
            }

            await db.SaveChangesAsync();
            return tokens;
        });

    /// <summary>Token i is answered by client i mod clients (each keeps its own cookies and antiforgery token).</summary>
    private static Task RoundAsync(IReadOnlyList<Client> people, IReadOnlyList<string> tokens, Func<Client, string, Task<bool>> send, LoadDriver.Tally tally) =>
        LoadDriver.SpreadAsync(people.Count, tokens.Count, i => send(people[i % people.Count], tokens[i]), tally);

    private static async Task<bool> PostAsync(HttpClient client, Uri uri, HttpContent content, HttpStatusCode expected)
    {
        using var response = await client.PostAsync(uri, content);
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode == expected;
    }

    private static void Print(string name, int clients, LoadDriver.Tally tally, double baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-38} {clients,7} {tally.Requests,8} {tally.PerSecond,8:F0} {tally.Percentile(50),8:F1} {tally.Percentile(99),8:F1} {tally.PerSecond / baseline,6:F2} {tally.Failures,6} {tally.CpuMsPerRequest,10:F2}"));
}
