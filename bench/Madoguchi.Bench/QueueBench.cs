using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 3, benchmark 2: the staff queue (/{code}/staff/applications) over 1,000,000 applications
/// of one municipality. Latency of filtered pages, one request at a time, for a municipality admin
/// (all departments) and a reviewer of one department, against the trivial staff home page of the
/// same host in the same rounds. The goal is p95 ≤ 50 ms.
/// </summary>
internal static partial class QueueBench
{
    private const double GoalP95Ms = 50;

    private sealed record Case(string Name, HttpClient Staff, string Query);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var database = await BenchDatabase.CreateAsync(options);
        using var app = AppHost.Start(database);
        var tenant = await app.CreateTenantAsync("市民課", "保険年金課", "子育て支援課", "介護保険課", "福祉課", "防災課");
        var procedures = await OfferAllTemplatesAsync(app, tenant);
        var now = DateTime.UtcNow;
        Console.WriteLine($"provider: {options.Provider}; seeding {options.Applications:N0} applications over {procedures.Count} procedures in {tenant.Departments.Count} departments …");
        var seeded = await QueueSeeder.SeedAsync(database, tenant.Id, procedures.Select(p => p.Id).ToList(), options.Applications, now);
        await QueueSeeder.AnalyzeAsync(database);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {seeded.TotalSeconds:F0} s (plain SQL batches of 20,000 in transactions), then {(database.IsPostgres ? "VACUUM ANALYZE" : "ANALYZE")}"));

        var admin = await SignInAsync(app, tenant, StaffRoleKind.TenantAdmin, null);
        var busiest = procedures[0];
        var reviewer = await SignInAsync(app, tenant, StaffRoleKind.Reviewer, busiest.DepartmentId);
        var quiet = procedures[^1];
        var path = $"/{tenant.Code}/staff/applications";
        Case[] cases =
        [
            new("admin: all, page 1", admin, ""),
            new("admin: 審査中, page 1", admin, "?status=UnderReview"),
            new("admin: 承認, page 20", admin, "?status=Approved&p=20"),
            new("admin: overdue, page 1", admin, "?overdue=true"),
            new("admin: busiest procedure, page 1", admin, $"?procedure={busiest.Id}"),
            new("admin: quiet procedure + 補正, page 1", admin, $"?procedure={quiet.Id}&status=CorrectionRequested"),
            new("admin: all, page 200", admin, "?p=200"),
            new("reviewer (1 dept): all, page 1", reviewer, ""),
            new("reviewer (1 dept): 到達, page 3", reviewer, "?status=Submitted&p=3"),
            new("reviewer (1 dept): overdue, page 1", reviewer, "?overdue=true"),
        ];
        var baseline = new Case("baseline: staff home page", admin, "");

        foreach (var c in cases.Append(baseline))
        {
            await GetAsync(c, c == baseline ? $"/{tenant.Code}/staff" : path); // warm-up: JIT, compiled queries, page cache of the database
        }

        var tallies = cases.Append(baseline).ToDictionary(c => c, _ => new LoadDriver.Tally());
        var perRound = Math.Max(1, options.Requests / options.Rounds);
        for (var round = 0; round < options.Rounds; round++)
        {
            // The baseline runs between the cases, so that load changes on the machine weigh on both.
            foreach (var c in cases)
            {
                foreach (var (measured, url) in new[] { (c, path + c.Query), (baseline, $"/{tenant.Code}/staff") })
                {
                    await LoadDriver.RunAsync([Enumerable.Range(0, perRound).Select(_ => new LoadDriver.Request(() => GetAsync(measured, url))).ToList()], tallies[measured]);
                }
            }
        }

        var home = tallies[baseline];
        Console.WriteLine($"{"case",-40} {"requests",8} {"p50 ms",8} {"p95 ms",8} {"p95/base",8} {"goal",5}");
        foreach (var c in cases.Append(baseline))
        {
            var t = tallies[c];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Name,-40} {t.Requests,8} {t.Percentile(50),8:F1} {t.Percentile(95),8:F1} {t.Percentile(95) / home.Percentile(95),8:F1} {(c == baseline ? "" : t.Percentile(95) <= GoalP95Ms ? "ok" : "MISS"),5}"));
            if (t.Failures > 0)
            {
                Console.WriteLine($"  {t.Failures} requests failed");
            }
        }

        await PrintCountsAsync(app, admin, path, busiest);
        return 0;
    }

    private static async Task<bool> GetAsync(Case c, string url)
    {
        using var response = await c.Staff.GetAsync(url);
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>What the first page shows, so a reader can see the page was not empty.</summary>
    private static async Task PrintCountsAsync(AppHost app, HttpClient admin, string path, Procedure busiest)
    {
        var html = await admin.GetStringAsync(path);
        var heading = CountHeading().Match(html);
        var rows = Regex.Count(html, "<tr>") - 1;
        Console.WriteLine($"first page of all: heading 「{(heading.Success ? WebUtility.HtmlDecode(heading.Groups[1].Value).Trim() : "?")}」, {rows} rows; busiest procedure: {busiest.Title}");
        _ = app;
    }

    [GeneratedRegex("<h2 id=\"queue-count\">([^<]*)</h2>")]
    private static partial Regex CountHeading();

    /// <summary>Every shipped template offered, handled by the departments in turn.</summary>
    private static Task<List<Procedure>> OfferAllTemplatesAsync(AppHost app, BenchTenant tenant) =>
        app.InTenantAsync(tenant, async (sp, db) =>
        {
            var enabler = sp.GetRequiredService<TemplateEnabler>();
            var templates = TemplateLibrary.Embedded.All;
            for (var i = 0; i < templates.Count; i++)
            {
                await enabler.EnableAsync(templates[i], tenant.Departments[i % tenant.Departments.Count], null, CancellationToken.None);
            }

            var keys = templates.Select(t => t.Key).ToList();
            var offered = await db.Set<Procedure>().ToListAsync();
            return offered.OrderBy(p => keys.IndexOf(p.Key)).ToList();
        });

    /// <summary>A member of staff signed in through the real login pages (with a TOTP code for an admin).</summary>
    private static async Task<HttpClient> SignInAsync(AppHost app, BenchTenant tenant, StaffRoleKind role, Guid? department)
    {
        var email = $"staff-{Guid.NewGuid():N}@bench.example.jp";
        const string password = "Bench-Password-2026!";
        var key = await app.InTenantAsync(tenant, async (sp, db) =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "ベンチ 職員", TenantId = tenant.Id };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            db.Set<StaffRole>().Add(new StaffRole { TenantId = tenant.Id, StaffUserId = user.Id, Role = role, DepartmentId = department });
            await db.SaveChangesAsync();
            if (role != StaffRoleKind.TenantAdmin)
            {
                return null;
            }

            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return await users.GetAuthenticatorKeyAsync(user);
        });

        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.Address,
        };
        var response = await PostFormAsync(client, "/staff/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.Headers.Location?.OriginalString is { } next && next.StartsWith("/staff/login/code", StringComparison.Ordinal))
        {
            response = await PostFormAsync(client, next, new() { ["Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() });
        }

        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Staff sign-in answered {response.StatusCode}.");
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
