using AngleSharp.Html.Dom;
using Madoguchi.Disaster;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Disaster;

/// <summary>A municipality with a 危機管理課, its composer and approver, and 地区 like 大崎市's.</summary>
public static class DisasterScenario
{
    public sealed record Setup(TestData.TenantInfo Tenant, Guid CrisisDepartment, TestData.StaffInfo Composer, TestData.StaffInfo Approver, IReadOnlyDictionary<string, Guid> Areas);

    public static readonly string[] AreaNames = ["古川", "松山", "三本木", "鹿島台"];

    public static async Task<Setup> DisasterTenantAsync(this MadoguchiApp app, bool requireApproval = true)
    {
        var tenant = await app.TenantAsync();
        var crisis = new Department { TenantId = tenant.Id, Name = "危機管理課", NameEn = "Crisis Management", SortOrder = 5 };
        var areas = AreaNames.Select((n, i) => new DisasterArea { TenantId = tenant.Id, Name = n, SortOrder = i + 1 }).ToList();
        await app.DbAsync(async db =>
        {
            db.Add(crisis);
            db.AddRange(areas);
            db.Add(new DisasterSettings { TenantId = tenant.Id, DepartmentId = crisis.Id, RequireApproval = requireApproval });
            await db.SaveChangesAsync();
        });
        var composer = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, crisis.Id));
        var approver = await app.StaffAsync(tenant, (StaffRoleKind.Approver, crisis.Id));
        return new Setup(tenant, crisis.Id, composer, approver, areas.ToDictionary(a => a.Name, a => a.Id));
    }

    /// <summary>Confirmed subscribers written straight to the database (the form is tested on its own).</summary>
    public static async Task<List<Subscriber>> SubscribersAsync(this MadoguchiApp app, Setup s, int count, string prefix, params string[] areas)
    {
        var list = Enumerable.Range(0, count).Select(i => new Subscriber
        {
            TenantId = s.Tenant.Id, Email = $"{prefix}{i}@example.jp", TokenHash = Subscriber.Hash(Subscriber.NewToken()), ConfirmedAt = DateTime.UtcNow,
        }).ToList();
        await app.DbAsync(async db =>
        {
            db.AddRange(list);
            foreach (var sub in list)
            {
                foreach (var area in areas)
                {
                    db.Add(new SubscriberArea { TenantId = s.Tenant.Id, SubscriberId = sub.Id, AreaId = s.Areas[area] });
                }
            }

            await db.SaveChangesAsync();
        });
        return list;
    }

    /// <summary>Posts the page's form with fields that may repeat (checkbox lists), the antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> PostRepeatedAsync(this HttpClient client, Page page, IEnumerable<(string Key, string Value)> fields, string formSelector = "main form", string? handler = null)
    {
        var form = (IHtmlFormElement)page.Document.QuerySelector(formSelector)!;
        var token = form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value;
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? page.Url : action;
        if (handler is not null)
        {
            url += (url.Contains('?') ? "&" : "?") + "handler=" + handler;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Writes a notice through the compose page and returns its id.</summary>
    public static async Task<Guid> ComposeAsync(this HttpClient composer, Setup s, string level, string title, IEnumerable<string> areas, string? english = null, string? easy = null)
    {
        var page = await composer.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/new");
        var fields = new List<(string, string)>
        {
            ("Input.Level", level), ("Input.Title", title), ("Input.BodyJapanese", "直ちに避難所へ避難してください。"),
            ("Input.BodyEnglish", english ?? ""), ("Input.BodyEasyJapanese", easy ?? ""),
        };
        fields.AddRange(areas.Select(a => ("Input.AreaIds", s.Areas[a].ToString())));
        var response = await composer.PostRepeatedAsync(page, fields);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }
}
