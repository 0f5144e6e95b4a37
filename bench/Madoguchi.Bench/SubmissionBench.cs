using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Madoguchi.Identity;
using Madoguchi.Platform.Mail;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 3, benchmark 1: the real HTTP submit of a completed draft (POST of the check page) at 1, 16
/// and 64 concurrent clients, against a bare endpoint in the same run that stores a body of the
/// same size with one durable insert. Signed-in residents, their antiforgery tokens and the
/// completed drafts are prepared before each round, outside the measured part.
/// </summary>
internal static partial class SubmissionBench
{
    // 罹災証明書: a procedure at the e-mail/password level, so a password-signed-in resident may
    // submit it in the real UI, and one with a realistic filled-in sample that passes validation.
    private const string TemplateKey = "risai-shoumei";

    private sealed record Resident(HttpClient Client, Guid Id, string Token);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var database = await BenchDatabase.CreateAsync(options);
        using var app = AppHost.Start(database);
        await using var bare = await BareEndpoint.StartAsync(database);

        var tenant = await app.CreateTenantAsync("防災課");
        var procedure = await app.InTenantAsync(tenant, async (sp, db) =>
        {
            await sp.GetRequiredService<TemplateEnabler>().EnableAsync(TemplateLibrary.Embedded.Find(TemplateKey)!, tenant.Departments[0], null, CancellationToken.None);
            return await db.Set<Procedure>().SingleAsync(p => p.Key == TemplateKey);
        });
        var data = SampleApplications.For(TemplateKey);
        var body = new string('x', Encoding.UTF8.GetByteCount(data));

        var perRound = options.Clients.Select(c => Math.Max(options.Requests, c * 4)).Max();
        Console.WriteLine($"provider: {options.Provider}; {options.Rounds} rounds per level, cases alternating; " +
            $"requests per case and round: max({options.Requests}, 4 × clients); body {body.Length} bytes");
        var residents = await SignInResidentsAsync(app, tenant, perRound);
        Console.WriteLine($"{residents.Count} residents signed in with e-mail and password");

        var bareUri = new Uri(bare.Address, "/bare");
        Task<bool> Bare(Resident r) => PostAsync(r.Client, bareUri, new StringContent(body, Encoding.UTF8, "text/plain"), HttpStatusCode.NoContent);
        // The floor: about the cheapest request the real app answers (its whole middleware pipeline,
        // with the resident's cookies sent, but no page, no antiforgery, no database: the language
        // switch, answer 302). A submission cannot be cheaper than this, so this ratio bounds it.
        var floorUri = new Uri(app.Address, "/culture/ja?returnUrl=/");
        Task<bool> Floor(Resident r) => GetAsync(r.Client, floorUri, HttpStatusCode.Redirect);
        Task<bool> Submit(Resident r, Guid draft) => PostAsync(r.Client, new Uri(app.Address, $"/{tenant.Code}/applications/{draft}/check"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = r.Token }), HttpStatusCode.Redirect);

        // Warm-up (JIT, pools, compiled queries), not counted.
        var warmUp = Math.Min(20, residents.Count);
        await RoundAsync(1, warmUp, residents, (r, _) => Bare(r), new LoadDriver.Tally());
        var warmDrafts = await DraftsAsync(app, tenant, procedure, residents.Take(warmUp).ToList(), data);
        await RoundAsync(1, warmUp, residents, (r, i) => Submit(r, warmDrafts[i]), new LoadDriver.Tally());

        Console.WriteLine($"{"case",-34} {"clients",7} {"requests",8} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"ratio",6} {"failed",6}");
        var submitted = warmUp;
        foreach (var clients in options.Clients)
        {
            var requests = Math.Max(options.Requests, clients * 4);
            var bareTally = new LoadDriver.Tally();
            var submitTally = new LoadDriver.Tally();
            var floorTally = new LoadDriver.Tally();
            for (var round = 0; round < options.Rounds; round++)
            {
                var drafts = await DraftsAsync(app, tenant, procedure, residents.Take(requests).ToList(), data);
                var submitRound = () => RoundAsync(clients, requests, residents, (r, i) => Submit(r, drafts[i]), submitTally);
                var bareRound = () => RoundAsync(clients, requests, residents, (r, _) => Bare(r), bareTally);
                var floorRound = () => RoundAsync(clients, requests, residents, (r, _) => Floor(r), floorTally);
                // Who goes first alternates, so a load change on the machine weighs on every case.
                foreach (var run in round % 2 == 0 ? new[] { bareRound, floorRound, submitRound } : [submitRound, floorRound, bareRound])
                {
                    await run();
                }

                submitted += requests;
            }

            Print("bare insert (minimal API + ADO.NET)", clients, bareTally, bareTally.PerSecond);
            Print("floor (GET /culture/ja, no database)", clients, floorTally, bareTally.PerSecond);
            Print("submission (check page POST)", clients, submitTally, bareTally.PerSecond);
        }

        await VerifyAsync(app, tenant, submitted);
        return 0;
    }

    /// <summary>
    /// Request i of the round goes to resident i (each has one open draft per round), handed out to
    /// the clients in turn; a client works through its share one request after the other.
    /// </summary>
    private static Task RoundAsync(int clients, int requests, IReadOnlyList<Resident> residents, Func<Resident, int, Task<bool>> send, LoadDriver.Tally tally)
    {
        var perClient = Enumerable.Range(0, clients)
            .Select(c => (IReadOnlyList<LoadDriver.Request>)Enumerable.Range(0, requests).Where(i => i % clients == c)
                .Select(i => new LoadDriver.Request(() => send(residents[i], i))).ToList())
            .ToList();
        return LoadDriver.RunAsync(perClient, tally);
    }

    private static async Task<bool> PostAsync(HttpClient client, Uri uri, HttpContent content, HttpStatusCode expected)
    {
        using var response = await client.PostAsync(uri, content);
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode == expected;
    }

    private static async Task<bool> GetAsync(HttpClient client, Uri uri, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(uri);
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode == expected;
    }

    /// <summary>One completed draft per resident, as the form pages leave it when the last page is saved.</summary>
    private static Task<List<Guid>> DraftsAsync(AppHost app, BenchTenant tenant, Procedure procedure, IReadOnlyList<Resident> residents, string data) =>
        app.InTenantAsync(tenant, async (_, db) =>
        {
            var drafts = residents.Select(r => new Application
            {
                ProcedureId = procedure.Id, ProcedureVersion = procedure.PublishedVersion, ResidentId = r.Id,
                Channel = ApplicationChannel.Online, Status = ApplicationStatus.Draft, Data = data, CurrentPage = 3,
            }).ToList();
            db.AddRange(drafts);
            await db.SaveChangesAsync();
            return drafts.Select(d => d.Id).ToList();
        });

    /// <summary>
    /// Accounts registered with e-mail and password (one password hash shared by all, computed once),
    /// signed in through the real login page; each keeps its cookies and the antiforgery token of
    /// its signed-in session.
    /// </summary>
    private static async Task<List<Resident>> SignInResidentsAsync(AppHost app, BenchTenant tenant, int count)
    {
        const string password = "bench-password-of-no-one";
        var accounts = await app.InTenantAsync(tenant, async (sp, db) =>
        {
            var hash = sp.GetRequiredService<IPasswordHasher<ResidentAccount>>().HashPassword(new ResidentAccount { Name = "" }, password);
            var rows = Enumerable.Range(0, count).Select(i =>
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"resident{i}@bench.example.jp");
                return new ResidentAccount
                {
                    Name = $"ベンチ 住民{i}", Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                    PasswordHash = hash, Assurance = AssuranceLevel.Password,
                };
            }).ToList();
            db.AddRange(rows);
            await db.SaveChangesAsync();
            return rows;
        });

        var residents = new Resident[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = app.Address,
            };
            var login = $"/{tenant.Code}/account/password-login";
            var token = TokenOf(await client.GetStringAsync(login, ct));
            using var signIn = await client.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = accounts[i].Email!, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
            }), ct);
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Sign-in of resident {i} answered {signIn.StatusCode}.");
            }

            residents[i] = new Resident(client, accounts[i].Id, TokenOf(await client.GetStringAsync($"/{tenant.Code}/account", ct)));
        });
        return [.. residents];
    }

    private static string TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Exactly once, after the run: every POST gave one number, one audit entry and one mail.</summary>
    private static async Task VerifyAsync(AppHost app, BenchTenant tenant, int expected)
    {
        var (submitted, numbers, mails, audits) = await app.InTenantAsync(tenant, async (_, db) =>
        (
            await db.Set<Application>().CountAsync(a => a.Status == ApplicationStatus.Submitted),
            await db.Set<Application>().Where(a => a.ReceiptNumber != null).Select(a => a.ReceiptNumber).Distinct().CountAsync(),
            await db.Set<OutboxMail>().IgnoreQueryFilters().CountAsync(),
            await db.AuditEntries.CountAsync(e => e.ChainId == tenant.Id && e.EntityType == nameof(Application) && e.Action == "updated")
        ));
        Console.WriteLine($"check: {expected} submits sent; {submitted} applications submitted, {numbers} distinct 到達番号, {mails} receipt mails, {audits} audit entries of submissions");
    }

    private static void Print(string name, int clients, LoadDriver.Tally tally, double baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} {clients,7} {tally.Requests,8} {tally.PerSecond,8:F0} {tally.Percentile(50),8:F1} {tally.Percentile(99),8:F1} {tally.PerSecond / baseline,6:F2} {tally.Failures,6}"));
}
