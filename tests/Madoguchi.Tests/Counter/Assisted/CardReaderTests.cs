using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Madoguchi.Counter.Assisted.Desks;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Counter.Assisted;

/// <summary>The card-reader client of a desk posts the card's face data; staff of the desk's department take it up once.</summary>
public sealed class CardReaderTests(CounterApp app) : IClassFixture<CounterApp>
{
    /// <summary>A desk made through the admin page; returns its key as shown once.</summary>
    private async Task<string> DeskAsync(TestData.TenantInfo tenant, Guid department, string name = "市民課 1番窓口")
    {
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var page = await admin.GetPageAsync($"/{tenant.Code}/staff/counter/desks");
        var created = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Name"] = name, ["DepartmentId"] = department.ToString() },
            "main form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var key = Html.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("#new-key-title + p + p")!.TextContent.Trim();
        Assert.StartsWith(CounterDesk.KeyPrefix, key);
        return key;
    }

    private async Task<HttpResponseMessage> PostReadAsync(string code, string? key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{code}/api/counter/card-reads") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await app.CreateClient().SendAsync(request);
    }

    private Task<int> ReadsAsync(TestData.TenantInfo tenant) =>
        app.DbAsync(db => db.Set<CardRead>().IgnoreQueryFilters().CountAsync(r => r.TenantId == tenant.Id));

    [Fact]
    public async Task A_read_posted_with_the_desk_key_is_taken_up_once_by_the_departments_staff()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, CounterScenario.MovingOut);
        var key = await DeskAsync(tenant, tenant.DepartmentId);

        var posted = await PostReadAsync(tenant.Code, key, CounterScenario.AobaCard(myNumber: "123456789018"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        // Kept sealed: neither the name nor the number is readable in the row.
        var stored = await app.DbAsync(db => db.Set<CardRead>().IgnoreQueryFilters().SingleAsync(r => r.TenantId == tenant.Id));
        Assert.DoesNotContain("青葉", stored.SealedData);
        Assert.DoesNotContain("123456789018", stored.SealedData);

        // Staff of another department do not see it; the department's staff take it.
        var other = await app.DepartmentAsync(tenant, "税務課");
        var (_, taxes) = await app.CounterStaffAsync(tenant, other);
        Assert.Empty((await taxes.GetPageAsync($"/{tenant.Code}/staff/counter/assisted")).Document.QuerySelectorAll("input[name=CardReadId]"));
        var (_, staff) = await app.CounterStaffAsync(tenant);
        var start = await staff.GetPageAsync($"/{tenant.Code}/staff/counter/assisted");
        Assert.Single(start.Document.QuerySelectorAll("input[name=CardReadId]"));
        var stolen = await taxes.SubmitAsync(await taxes.GetPageAsync($"/{tenant.Code}/staff/counter/assisted"),
            new Dictionary<string, string> { ["CardReadId"] = stored.Id.ToString() }, "main form[action*='handler=Card']");
        Assert.DoesNotContain("青葉", await stolen.Content.ReadAsStringAsync());

        var taken = await staff.SubmitAsync(start, new Dictionary<string, string>(), "main form[action*='handler=CardRead']");
        var identified = new Page(start.Url, Html.Parse(await taken.Content.ReadAsStringAsync()), "");
        Assert.Contains("青葉　太郎", identified.Text);
        var emptied = await app.DbAsync(db => db.Set<CardRead>().IgnoreQueryFilters().SingleAsync(r => r.Id == stored.Id));
        Assert.Equal("", emptied.SealedData);
        Assert.NotNull(emptied.TakenAt);

        // Taken once: the same read again is refused with a message.
        var again = await staff.SubmitAsync(start, new Dictionary<string, string>(), "main form[action*='handler=CardRead']");
        Assert.Contains("この読取データは使えません", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_or_revoked_key_or_bad_data_stores_nothing()
    {
        var tenant = await app.TenantAsync();
        var key = await DeskAsync(tenant, tenant.DepartmentId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostReadAsync(tenant.Code, null, CounterScenario.AobaCard())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostReadAsync(tenant.Code, "mcd_forged", CounterScenario.AobaCard())).StatusCode);

        // Another municipality's address with this key: the key belongs to no desk there.
        var elsewhere = await app.TenantAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostReadAsync(elsewhere.Code, key, CounterScenario.AobaCard())).StatusCode);

        var bad = await PostReadAsync(tenant.Code, key, """{"name":"青葉　太郎","birthDate":"1985-04-12","gender":"X"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains("住所がありません", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("「男」か「女」", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostReadAsync(tenant.Code, key, new string('x', 20_000))).StatusCode);
        Assert.Equal(0, await ReadsAsync(tenant));

        // Revoked on the admin page: refused from then on.
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var desks = await admin.GetPageAsync($"/{tenant.Code}/staff/counter/desks");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(desks, new Dictionary<string, string>(), "main form[action*='handler=Revoke']")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostReadAsync(tenant.Code, key, CounterScenario.AobaCard())).StatusCode);
        Assert.Equal(0, await ReadsAsync(tenant));
    }
}
