using System.Collections.Concurrent;
using System.Net;
using Madoguchi.Identity;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Madoguchi.Tests.Procedures.Protection;

/// <summary>
/// The server is killed (SIGKILL) while many residents submit at once, then started again on the
/// same database: every 到達番号 a resident was shown exists with its data, and the numbers have
/// no duplicates and no gaps. On SQLite and PostgreSQL.
/// </summary>
public sealed class KilledServerTests(MadoguchiApp app, ITestOutputHelper output) : IClassFixture<MadoguchiApp>
{
    private const string Key = "risai-shoumei";
    private const int Residents = 24;

    private sealed record Resident(HttpClient Client, CookieContainer Cookies, Guid ApplicationId, string Data);

    [Fact]
    public async Task Every_receipt_number_shown_before_a_kill_survives_it_and_numbers_stay_unique_without_gaps()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, Key);
        var emails = await PasswordAccountsAsync(tenant, Residents);

        var server = await ServerProcess.StartAsync(app);
        try
        {
            // Through the running server: sign in, start the draft; its content is the sample with a mark of its own.
            var residents = await Task.WhenAll(emails.Select(async (email, i) =>
            {
                var cookies = new CookieContainer();
                var client = Browser(server.Address, cookies);
                var login = await client.SubmitAsync($"/{tenant.Code}/account/password-login",
                    new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = TestData.Password });
                Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
                var id = (await client.StartAsync(tenant.Code, Key)).ApplicationId();
                var data = SampleApplications.For(Key).Replace("鈴木 一郎", $"利用者 {i:D3}", StringComparison.Ordinal);
                await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, data)));
                return new Resident(client, cookies, id, data);
            }));
            var checkPages = await Task.WhenAll(residents.Select(r =>
                r.Client.GetPageAsync($"/{tenant.Code}/applications/{r.ApplicationId}/check")));

            // Everyone presses 申請する at once; the server dies once a few receipts have been shown.
            var shown = new ConcurrentDictionary<Guid, string>();
            var enoughShown = new TaskCompletionSource();
            var submits = residents.Select(async (r, i) =>
            {
                try
                {
                    var posted = await r.Client.SubmitAsync(checkPages[i], new Dictionary<string, string>());
                    var receipt = (await r.Client.FollowAsync(posted)).AsPage();
                    shown[r.ApplicationId] = receipt.Document.QuerySelector(".receipt-number")!.TextContent.Trim();
                    if (shown.Count >= 3)
                    {
                        enoughShown.TrySetResult();
                    }
                }
                catch (HttpRequestException)
                {
                    // The connection died with the server: this resident saw no number.
                }
            }).ToList();
            await Task.WhenAny(enoughShown.Task, Task.WhenAll(submits)).WaitAsync(TimeSpan.FromSeconds(30));
            await server.KillAsync();
            var shownBeforeKill = shown.Count;
            await Task.WhenAll(submits).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEmpty(shown);

            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(app);

            // After the restart: each number shown exists, on the right application, with its data.
            var stored = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.TenantId == tenant.Id).ToListAsync());
            foreach (var (id, number) in shown)
            {
                var application = stored.Single(a => a.Id == id);
                Assert.Equal(number, application.ReceiptNumber);
                Assert.Equal(ApplicationStatus.Submitted, application.Status);
                Assert.Equal(residents.Single(r => r.ApplicationId == id).Data, application.Data);
            }

            AssertNumberedOneToCount(stored);
            output.WriteLine($"{Residents} submitting; killed after {shownBeforeKill} receipts were shown; {shown.Count} shown in all, "
                + $"{stored.Count(a => a.ReceiptNumber is not null)} committed when the server came back.");

            // The residents who saw nothing submit again on the restarted server (the same browsers,
            // the same cookies): a submission that had committed answers with its number, the rest get new ones.
            foreach (var r in residents.Where(r => !shown.ContainsKey(r.ApplicationId)))
            {
                var again = Browser(server.Address, r.Cookies);
                shown[r.ApplicationId] = await again.SubmitFromCheckPageOrReceiptAsync(tenant.Code, r.ApplicationId);
            }

            var after = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.TenantId == tenant.Id).ToListAsync());
            Assert.Equal(Residents, after.Count(a => a.ReceiptNumber is not null));
            AssertNumberedOneToCount(after);
            Assert.All(after, a => Assert.Equal(shown[a.Id], a.ReceiptNumber));
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{e.Message}\nServer output:\n{server.Output}", e);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Submitted applications carry 1…n of this year, each once, and the counter stands at n.</summary>
    private static void AssertNumberedOneToCount(List<Application> applications)
    {
        var numbers = applications.Where(a => a.ReceiptNumber is not null).Select(a => a.ReceiptNumber!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(applications.Count(a => a.Status == ApplicationStatus.Submitted), numbers.Count);
        var sequence = numbers.Select(n => int.Parse(n.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), sequence);
    }

    private async Task<List<string>> PasswordAccountsAsync(TestData.TenantInfo tenant, int count) =>
        await app.InTenantAsync(tenant, async sp =>
        {
            var hasher = sp.GetRequiredService<IPasswordHasher<ResidentAccount>>();
            var db = sp.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
            var hash = hasher.HashPassword(new ResidentAccount { Name = "" }, TestData.Password);
            var emails = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var email = $"crash-{i}-{Guid.NewGuid():N}@example.jp";
                db.Add(new ResidentAccount
                {
                    TenantId = tenant.Id, Name = $"利用者 {i:D3}", Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, PasswordHash = hash, Assurance = AssuranceLevel.Password,
                });
                emails.Add(email);
            }

            await db.SaveChangesAsync();
            return emails;
        });

    /// <summary>A browser without JavaScript at <paramref name="address"/>; cookies ignore the port, so the same jar signs in on a restarted server.</summary>
    private static HttpClient Browser(Uri address, CookieContainer cookies) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
