using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Tests.OpenData.OpenDataScenario;

namespace Madoguchi.Tests.OpenData;

/// <summary>The catalogue through CKAN's Action API over real HTTP, as a CKAN client (ckanapi, a harvester) calls it.</summary>
public sealed class CkanApiTests(CkanApiTests.App app) : IClassFixture<CkanApiTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App() => OnKestrel();
    }

    private sealed record Published(TestData.TenantInfo Tenant, Guid Dataset, Guid Resource, Guid Department, HttpClient Publisher);

    private async Task<Published> PublishEvacuationListAsync()
    {
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var (tenant, crisis, _, publisher) = await app.PublisherAsync(browser: browser);
        var code = tenant.Code;
        var dataset = await publisher.CreateDatasetAsync(code, "evacuation-spaces", "指定緊急避難場所一覧", "evacuation_space");
        var csv = ShiftJis.GetBytes(string.Join("\r\n",
            EvacuationHeader,
            EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "38.2682", "140.8693"),
            EvacuationRow(code, "002", "南小学校", "ミナミショウガッコウ", "38.25", "140.86"),
            EvacuationRow(code, "003", "北公園", "キタコウエン", "38.29", "140.88", flood: ""),
            EvacuationRow(code, "010", "東中学校", "ヒガシチュウガッコウ", "38.27", "140.90")) + "\r\n");
        await publisher.UploadAsync(code, dataset, $"{code}_evacuation_space.csv", csv);
        await app.IngestedAsync(dataset);
        var published = await publisher.SubmitAsync($"/{code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var other = await publisher.CreateDatasetAsync(code, "nursery", "保育所一覧", tags: "子育て、保育", description: "認可保育所");
        await publisher.UploadAsync(code, other, "nursery.csv", System.Text.Encoding.UTF8.GetBytes("名称\nひかり保育園\n"), newName: "保育所");
        await app.IngestedAsync(other);
        await publisher.SubmitAsync($"/{code}/staff/opendata/{other}", new Dictionary<string, string>(), "form[action*=Publish]");
        var resource = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).Select(r => r.Id).SingleAsync());
        return new Published(tenant, dataset, resource, crisis, publisher);
    }

    private HttpClient Client() => new() { BaseAddress = app.BaseAddress };

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.EndsWith("/api/3/action/help_show?name=" + response.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1], json.GetProperty("help").GetString());
        return json.GetProperty("result");
    }

    [Fact]
    public async Task A_dataset_published_on_one_node_is_found_by_package_search_on_the_other()
    {
        var p = await PublishEvacuationListAsync();
        await using var second = app.SecondNode();
        var nodeB = second.CreateClient();
        var search = $"/{p.Tenant.Code}/api/3/action/package_search?q=" + Uri.EscapeDataString("津波");
        // Node B builds its search index now, before the change.
        Assert.Equal(0, (await OkAsync(await nodeB.GetAsync(search))).GetProperty("count").GetInt32());
        Assert.Equal(1, (await OkAsync(await nodeB.GetAsync($"/{p.Tenant.Code}/api/3/action/package_search?q=保育"))).GetProperty("count").GetInt32());

        // A publisher works on node A.
        var publisher = p.Publisher;
        var dataset = await publisher.CreateDatasetAsync(p.Tenant.Code, "tsunami-buildings", "津波避難ビル一覧", tags: "防災、津波", description: "津波避難ビルの一覧です。");
        await publisher.UploadAsync(p.Tenant.Code, dataset, "tsunami.csv", System.Text.Encoding.UTF8.GetBytes("名称\n市役所本庁舎\n"), newName: "津波避難ビル");
        await app.IngestedAsync(dataset);
        var published = await publisher.SubmitAsync($"/{p.Tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var found = await OkAsync(await nodeB.GetAsync(search + "&facet.field=[\"tags\"]"));
        Assert.Equal(1, found.GetProperty("count").GetInt32());
        Assert.Equal("tsunami-buildings", found.GetProperty("results")[0].GetProperty("name").GetString());
        Assert.Equal(1, found.GetProperty("facets").GetProperty("tags").GetProperty("津波").GetInt32());
        // The department's package count on node B moved with it.
        var organisation = await OkAsync(await nodeB.GetAsync($"/{p.Tenant.Code}/api/3/action/organization_show?id={p.Department}"));
        Assert.Equal(3, organisation.GetProperty("package_count").GetInt32());
    }

    [Fact]
    public async Task package_search_finds_the_dataset_by_a_two_character_word_with_facets()
    {
        var p = await PublishEvacuationListAsync();
        var api = Client();
        var result = await OkAsync(await api.GetAsync($"/{p.Tenant.Code}/api/3/action/package_search?q=避難&facet.field=[\"organization\",\"tags\",\"res_format\",\"license_id\"]&rows=10"));
        Assert.Equal(1, result.GetProperty("count").GetInt32());
        var package = result.GetProperty("results")[0];
        Assert.Equal("evacuation-spaces", package.GetProperty("name").GetString());
        Assert.Equal("CC-BY-4.0", package.GetProperty("license_id").GetString());
        Assert.Equal("危機管理課", package.GetProperty("organization").GetProperty("title").GetString());
        var resource = package.GetProperty("resources")[0];
        Assert.True(resource.GetProperty("datastore_active").GetBoolean());
        Assert.Equal("CSV", resource.GetProperty("format").GetString());
        Assert.Equal(1, result.GetProperty("facets").GetProperty("res_format").GetProperty("CSV").GetInt32());
        Assert.Contains(result.GetProperty("search_facets").GetProperty("tags").GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "避難");

        // The download URL in the package works for any client.
        var download = await api.GetAsync(resource.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        // Two-character word of the other dataset, filters, paging, sorting, POST with JSON like ckanapi.
        Assert.Equal(1, (await OkAsync(await api.GetAsync($"/{p.Tenant.Code}/api/3/action/package_search?q=保育"))).GetProperty("count").GetInt32());
        Assert.Equal(2, (await OkAsync(await api.GetAsync($"/{p.Tenant.Code}/api/3/action/package_search?fq=organization:{p.Department}"))).GetProperty("count").GetInt32());
        Assert.Equal(1, (await OkAsync(await api.GetAsync($"/{p.Tenant.Code}/api/3/action/package_search?fq=tags:防災 res_format:CSV"))).GetProperty("count").GetInt32());
        var paged = await OkAsync(await api.PostAsJsonAsync($"/{p.Tenant.Code}/api/3/action/package_search", new { rows = 1, start = 1, sort = "name asc" }));
        Assert.Equal(2, paged.GetProperty("count").GetInt32());
        Assert.Equal("nursery", paged.GetProperty("results")[0].GetProperty("name").GetString());
        var bad = await api.GetAsync($"/{p.Tenant.Code}/api/3/action/package_search?rows=abc");
        Assert.Equal(HttpStatusCode.Conflict, bad.StatusCode);
        var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Equal("Validation Error", error.GetProperty("error").GetProperty("__type").GetString());
        Assert.True(error.GetProperty("error").TryGetProperty("rows", out _));
    }

    [Fact]
    public async Task The_read_actions_answer_in_CKAN_shapes()
    {
        var p = await PublishEvacuationListAsync();
        var api = Client();
        var code = p.Tenant.Code;
        Assert.Equal(["evacuation-spaces", "nursery"], (await OkAsync(await api.GetAsync($"/{code}/api/3/action/package_list"))).EnumerateArray().Select(e => e.GetString()));
        var show = await OkAsync(await api.GetAsync($"/{code}/api/3/action/package_show?id=evacuation-spaces"));
        Assert.Equal(p.Dataset.ToString(), show.GetProperty("id").GetString());
        Assert.Equal("指定緊急避難場所一覧", show.GetProperty("extras").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "standard_dataset").GetProperty("value").GetString());
        Assert.Equal(p.Dataset.ToString(), (await OkAsync(await api.GetAsync($"/{code}/api/3/action/package_show?id={p.Dataset}"))).GetProperty("id").GetString());
        var resource = await OkAsync(await api.GetAsync($"/{code}/api/3/action/resource_show?id={p.Resource}"));
        Assert.Equal(p.Dataset.ToString(), resource.GetProperty("package_id").GetString());
        Assert.Contains(p.Department.ToString(), (await OkAsync(await api.GetAsync($"/{code}/api/3/action/organization_list"))).EnumerateArray().Select(e => e.GetString()));
        var organisation = await OkAsync(await api.GetAsync($"/{code}/api/3/action/organization_show?id={p.Department}"));
        Assert.Equal(("危機管理課", 2), (organisation.GetProperty("title").GetString(), organisation.GetProperty("package_count").GetInt32()));
        var tags = (await OkAsync(await api.GetAsync($"/{code}/api/3/action/tag_list"))).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("避難", tags);
        Assert.Contains("保育", tags);
        Assert.Equal("2.10.0", (await OkAsync(await api.GetAsync($"/{code}/api/3/action/status_show"))).GetProperty("ckan_version").GetString());

        var missing = await api.GetAsync($"/{code}/api/3/action/package_show?id=no-such-dataset");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var notFound = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("Not Found Error", false), (notFound.GetProperty("error").GetProperty("__type").GetString(), notFound.GetProperty("success").GetBoolean()));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/{code}/api/3/action/no_such_action")).StatusCode);

        // Another municipality's API knows nothing of it.
        var elsewhere = await app.TenantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/{elsewhere.Code}/api/3/action/package_show?id={p.Dataset}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/{elsewhere.Code}/api/3/action/datastore_search?resource_id={p.Resource}")).StatusCode);
    }

    [Fact]
    public async Task datastore_search_filters_sorts_pages_and_picks_fields()
    {
        var p = await PublishEvacuationListAsync();
        var api = Client();
        var url = $"/{p.Tenant.Code}/api/3/action/datastore_search?resource_id={p.Resource}";
        var all = await OkAsync(await api.GetAsync(url));
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        Assert.Equal(40, all.GetProperty("fields").GetArrayLength()); // _id + 39 columns
        Assert.Equal(1, all.GetProperty("records")[0].GetProperty("_id").GetInt32());

        var filtered = await OkAsync(await api.GetAsync(url + "&filters=" + Uri.EscapeDataString("{\"名称\":\"南小学校\"}")));
        Assert.Equal(1, filtered.GetProperty("total").GetInt32());
        Assert.Equal("002", filtered.GetProperty("records")[0].GetProperty("ID").GetString());

        var flooded = await OkAsync(await api.PostAsJsonAsync($"/{p.Tenant.Code}/api/3/action/datastore_search",
            new { resource_id = p.Resource, filters = new Dictionary<string, object> { ["災害種別_洪水"] = "1" }, fields = "ID,名称", sort = "ID desc", limit = 2, offset = 0 }));
        Assert.Equal(3, flooded.GetProperty("total").GetInt32());
        Assert.Equal(["010", "002"], flooded.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("ID").GetString()));
        Assert.Equal(2, flooded.GetProperty("records")[0].EnumerateObject().Count());

        var searched = await OkAsync(await api.GetAsync(url + "&q=公園"));
        Assert.Equal("北公園", searched.GetProperty("records")[0].GetProperty("名称").GetString());
        var page = await OkAsync(await api.GetAsync(url + "&limit=1&offset=3"));
        Assert.Equal(4, page.GetProperty("records")[0].GetProperty("_id").GetInt32());

        Assert.Equal(HttpStatusCode.Conflict, (await api.GetAsync(url + "&filters=" + Uri.EscapeDataString("{\"ない列\":\"x\"}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.GetAsync(url + "&fields=ない列")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/{p.Tenant.Code}/api/3/action/datastore_search?resource_id={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_table_preview_pages_sorts_and_filters_without_script()
    {
        var p = await PublishEvacuationListAsync();
        var resident = Client();
        var url = $"/{p.Tenant.Code}/opendata/evacuation-spaces/resources/{p.Resource}";
        var page = await resident.GetPageAsync(url);
        Assert.Contains("4 行", page.Text);
        Assert.Equal(4, page.Document.QuerySelectorAll("table.data-preview tbody tr").Length);

        var sorted = await resident.GetPageAsync(url + "?sort=" + Uri.EscapeDataString("名称") + "&desc=true");
        Assert.Equal("descending", sorted.Document.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        var filtered = await resident.GetPageAsync(url + "?column=" + Uri.EscapeDataString("名称") + "&value=" + Uri.EscapeDataString("北公園"));
        Assert.Contains("1 行", filtered.Text);
        Assert.Contains("北公園", filtered.Document.QuerySelector("table.data-preview tbody")!.TextContent);
    }
}
