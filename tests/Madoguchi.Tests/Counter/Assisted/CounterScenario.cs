using System.Net;
using System.Text.Json;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Counter.Assisted;

/// <summary>
/// The host with a register file of fictitious residents for a pool of municipality codes (the
/// register answers per municipality); tests create their municipalities with those codes.
/// </summary>
public class CounterApp : MadoguchiApp
{
    private readonly Queue<string> _codes = new();

    public CounterApp()
    {
        var codes = Enumerable.Range(0, 40).Select(_ => TestData.NewMunicipalityCode()).Distinct().ToList();
        foreach (var code in codes)
        {
            _codes.Enqueue(code);
        }

        var path = Path.Combine(DataDirectory, "register.json");
        File.WriteAllText(path, CounterScenario.RegisterJson(codes));
        With("AssistedCounter:RegisterFile", path);
    }

    public string NextCode()
    {
        lock (_codes)
        {
            return _codes.Dequeue();
        }
    }
}

/// <summary>The same on real HTTP with the development OpenID provider, for residents who sign in.</summary>
public sealed class CounterIdpApp : CounterApp
{
    public CounterIdpApp()
    {
        OnKestrel().With("Identity:DevProvider:Enabled", "true");
    }
}

public static class CounterScenario
{
    public const string MovingOut = "tenshutsu-tennyu-yoyaku";
    public const string ChildAllowance = "jidou-teate-nintei";

    /// <summary>The card of 青葉 太郎 (in the test register, with his wife and two children), as a card reader sends it.</summary>
    public static string AobaCard(string? myNumber = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["version"] = 1,
        ["name"] = "青葉　太郎",
        ["address"] = "宮城県塩竈市旭町1丁目1番1号",
        ["birthDate"] = "1985-04-12",
        ["gender"] = "男",
        ["validUntil"] = "2035-04-12",
        ["myNumber"] = myNumber,
    }.Where(kv => kv.Value is not null).ToDictionary());

    public static string RegisterJson(IEnumerable<string> codes) => JsonSerializer.Serialize(new
    {
        municipalities = codes.ToDictionary(c => c, _ => new
        {
            households = new object[]
            {
                new
                {
                    key = "H1", postalCode = "985-0111", address = "宮城県塩竈市旭町1丁目1番1号",
                    members = new object[]
                    {
                        new { key = "R1", name = "青葉　太郎", nameKana = "アオバ　タロウ", birthDate = "1985-04-12", gender = "男", relationship = "世帯主" },
                        new { key = "R2", name = "青葉　花子", nameKana = "アオバ　ハナコ", birthDate = "1987-09-03", gender = "女", relationship = "妻" },
                        new { key = "R3", name = "青葉　陽翔", nameKana = "アオバ　ハルト", birthDate = "2017-06-21", gender = "男", relationship = "子" },
                        new { key = "R4", name = "青葉　結菜", nameKana = "アオバ　ユイナ", birthDate = "2021-02-14", gender = "女", relationship = "子" },
                    },
                },
                new
                {
                    key = "H2", postalCode = "985-0222", address = "宮城県塩竈市新富町2番2号",
                    members = new object[] { new { key = "R5", name = "若林　健一", nameKana = "ワカバヤシ　ケンイチ", birthDate = "1950-11-30", gender = "男", relationship = "世帯主" } },
                },
            },
        }),
    });

    /// <summary>A municipality whose code the test register knows, with 市民課.</summary>
    public static async Task<TestData.TenantInfo> TenantAsync(this CounterApp app)
    {
        var code = app.NextCode();
        var tenant = new Tenant { Code = code, Name = "テスト市" + code, NameEn = "Test City " + code, Prefecture = "宮城県" };
        var department = new Department { TenantId = tenant.Id, Name = "市民課", NameEn = "Citizen Services" };
        await app.DbAsync(async db =>
        {
            db.Tenants.Add(tenant);
            db.Departments.Add(department);
            await db.SaveChangesAsync();
        });
        await app.ScopeAsync(sp =>
        {
            sp.GetRequiredService<TenantDirectory>().Invalidate();
            return Task.FromResult(0);
        });
        return new TestData.TenantInfo(tenant.Id, code, tenant.Name, department.Id, department.Name);
    }

    public static Task<Guid> DepartmentAsync(this MadoguchiApp app, TestData.TenantInfo tenant, string name) =>
        app.DbAsync(async db =>
        {
            var d = new Department { TenantId = tenant.Id, Name = name };
            db.Departments.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });

    public static Task<Guid> ProcedureIdAsync(this MadoguchiApp app, TestData.TenantInfo tenant, string key) =>
        app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().Where(p => p.TenantId == tenant.Id && p.Key == key).Select(p => p.Id).SingleAsync());

    /// <summary>Counter staff: a reviewer of the department, signed in.</summary>
    public static async Task<(TestData.StaffInfo Staff, HttpClient Client)> CounterStaffAsync(this MadoguchiApp app, TestData.TenantInfo tenant, Guid? department = null, HttpClient? client = null)
    {
        var staff = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, department ?? tenant.DepartmentId));
        return (staff, await app.SignInAsync(staff, client: client));
    }

    /// <summary>Identifies the visitor with card JSON on the start page; returns the page of step 2.</summary>
    public static async Task<Page> IdentifyByCardAsync(this HttpClient staff, string code, string cardJson)
    {
        var start = await staff.GetPageAsync($"/{code}/staff/counter/assisted");
        var response = await staff.SubmitAsync(start, new Dictionary<string, string> { ["CardData"] = cardJson }, "main form[action*='handler=Card']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Page($"/{code}/staff/counter/assisted", Html.Parse(await response.Content.ReadAsStringAsync()), "");
    }

    /// <summary>Starts the visit with the chosen procedures (and the household members ticked by default); returns the visit id.</summary>
    public static async Task<Guid> StartVisitAsync(this HttpClient staff, Page identified, params Guid[] procedures)
    {
        var response = await staff.PostStartAsync(identified, procedures);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("/staff/counter/visits/[0-9a-f-]+/forms/0/pages/0$", location);
        return Guid.Parse(location.Split('/')[5]);
    }

    /// <summary>Posts the start form as the page rendered it, with these procedures ticked.</summary>
    public static async Task<HttpResponseMessage> PostStartAsync(this HttpClient staff, Page identified, params Guid[] procedures)
    {
        var form = identified.Document.QuerySelector("main form[action*='handler=Start']")!;
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input").OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
        {
            if (input.Type is "hidden" || (input.Type == "checkbox" && input.Name == "Household" && input.IsChecked))
            {
                values.Add(new(input.Name!, input.Value));
            }
        }

        values.AddRange(procedures.Select(p => new KeyValuePair<string, string>("Procedures", p.ToString())));
        return await staff.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
    }

    public static Dictionary<string, string> Date(string pointer, int year, int month, int day) => new()
    {
        [pointer + ":era"] = "西暦", [pointer + ":year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [pointer + ":month"] = month.ToString(System.Globalization.CultureInfo.InvariantCulture), [pointer + ":day"] = day.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Posts one interview page with these values and 次へ; returns the response.</summary>
    public static async Task<HttpResponseMessage> NextAsync(this HttpClient staff, string url, Dictionary<string, string> values)
    {
        var page = await staff.GetPageAsync(url);
        values["_go"] = "next";
        return await staff.SubmitAsync(page, values, "main form.application-form");
    }

    /// <summary>What the prefill did not know of 転出届: the new address, dates, the check box; the phone when given.</summary>
    public static async Task FillMovingOutAsync(this HttpClient staff, string code, Guid visit, int form, string? phone = "022-364-1111", string? kana = null)
    {
        var first = new Dictionary<string, string>
        {
            ["/newPostalCode"] = "980-0011", ["/newAddress"] = "宮城県仙台市青葉区上杉1丁目1番1号", ["/newHouseholdHead/name"] = "青葉　太郎",
            ["/newHouseholdHead/relationship"] = "本人",
        };
        if (phone is not null)
        {
            first["/contact/phone"] = phone;
        }

        if (kana is not null)
        {
            first["/movers/0/nameKana"] = kana;
        }

        foreach (var (k, v) in Date("/moveDate", 2027, 3, 20))
        {
            first[k] = v;
        }

        var response = await staff.NextAsync($"/{code}/staff/counter/visits/{visit}/forms/{form}/pages/0", first);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var second = Date("/visitDate", 2027, 3, 25);
        second["/confirmMoveIn"] = "true";
        response = await staff.NextAsync($"/{code}/staff/counter/visits/{visit}/forms/{form}/pages/1", second);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The visitor presses 「はい、この内容で申請します」 on the confirmation screen.</summary>
    public static async Task<HttpResponseMessage> VisitorConfirmsAsync(this HttpClient staff, string code, Guid visit)
    {
        var page = await staff.GetPageAsync($"/{code}/staff/counter/visits/{visit}/confirm");
        return await staff.SubmitAsync(page, new Dictionary<string, string>(), "main form.visitor-confirm");
    }

    public static async Task<HttpResponseMessage> SubmitVisitAsync(this HttpClient staff, string code, Guid visit, Page? page = null)
    {
        // Antiforgery tokens belong to the session, not the page: the start page has one even when the visit page shows no form yet.
        page ??= await staff.GetPageAsync($"/{code}/staff/counter/assisted");
        return await staff.PostAsync($"/{code}/staff/counter/visits/{visit}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) }));
    }

    public static string Token(Page page) =>
        page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
