using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Madoguchi.Reports.Open311;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Reports;

/// <summary>Open311 GeoReport v2: every answer in the spec's JSON and XML shapes, errors included.</summary>
public sealed class Open311Tests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    private static string Base(TestData.TenantInfo t) => $"/{t.Code}/open311/v2";

    /// <summary>Issues a key through the admin page, as a municipality would.</summary>
    private async Task<string> IssueKeyAsync(TestData.TenantInfo tenant)
    {
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var response = await admin.SubmitAsync($"/{tenant.Code}/staff/open311-clients", new Dictionary<string, string> { ["Input.Name"] = "まちレポ" }, "form[aria-labelledby=issue-title]");
        var page = await response.ReadPageAsync();
        var key = page.Document.QuerySelector("#issued-key")!.TextContent.Trim();
        Assert.Equal(64, key.Length);
        // Shown once: the list afterwards does not show it, and only its hash is stored.
        Assert.DoesNotContain(key, (await admin.GetPageAsync($"/{tenant.Code}/staff/open311-clients")).Body);
        var stored = await app.DbAsync(db => db.Set<Open311Client>().IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).Select(c => c.TokenHash).SingleAsync());
        Assert.Equal(Open311Client.Hash(key), stored);
        return key;
    }

    private async Task<HttpResponseMessage> PostAsync(TestData.TenantInfo t, string format, Dictionary<string, string> fields) =>
        await app.CreateClient().PostAsync($"{Base(t)}/requests.{format}", new FormUrlEncodedContent(fields));

    private static Dictionary<string, string> Request(string key, string description = "歩道の穴", double lat = ReportScenario.InsideLat) => new()
    {
        ["api_key"] = key, ["service_code"] = ReportScenario.Category, ["lat"] = lat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["long"] = ReportScenario.InsideLon.ToString(System.Globalization.CultureInfo.InvariantCulture), ["address_string"] = "古川七日町",
        ["description"] = description, ["attribute[danger]"] = "注意が必要", ["email"] = "app-user@example.jp", ["first_name"] = "太郎",
    };

    private async Task<JsonElement> JsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<XElement> XmlAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    private static void AssertJsonError(JsonElement body, int code)
    {
        var error = Assert.Single(body.EnumerateArray());
        Assert.Equal(["code", "description"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Discovery_services_and_definitions_have_the_specs_shapes()
    {
        var s = await app.ReportingTenantAsync();
        var discovery = await JsonAsync($"{Base(s.Tenant)}/discovery.json");
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], discovery.EnumerateObject().Select(p => p.Name));
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith($"/{s.Tenant.Code}/open311/v2/", endpoint.GetProperty("url").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        var discoveryXml = await XmlAsync($"{Base(s.Tenant)}/discovery.xml");
        Assert.Equal("discovery", discoveryXml.Name.LocalName);
        Assert.Equal(["text/xml", "application/json"], discoveryXml.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value));

        var service = Assert.Single((await JsonAsync($"{Base(s.Tenant)}/services.json")).EnumerateArray());
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], service.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ReportScenario.Category, service.GetProperty("service_code").GetString());
        Assert.Equal("道路・側溝の損傷", service.GetProperty("service_name").GetString());
        Assert.True(service.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", service.GetProperty("type").GetString());
        var servicesXml = await XmlAsync($"{Base(s.Tenant)}/services.xml");
        Assert.Equal("services", servicesXml.Name.LocalName);
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
            servicesXml.Element("service")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("true", servicesXml.Element("service")!.Element("metadata")!.Value);

        var definition = await JsonAsync($"{Base(s.Tenant)}/services/{ReportScenario.Category}.json");
        Assert.Equal(ReportScenario.Category, definition.GetProperty("service_code").GetString());
        var attribute = Assert.Single(definition.GetProperty("attributes").EnumerateArray());
        Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"], attribute.EnumerateObject().Select(p => p.Name));
        Assert.Equal("singlevaluelist", attribute.GetProperty("datatype").GetString());
        Assert.True(attribute.GetProperty("required").GetBoolean());
        Assert.Equal(1, attribute.GetProperty("order").GetInt32());
        Assert.Equal(["すぐに危ない", "注意が必要", "急がない"], attribute.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        var definitionXml = await XmlAsync($"{Base(s.Tenant)}/services/{ReportScenario.Category}.xml");
        Assert.Equal("service_definition", definitionXml.Name.LocalName);
        Assert.Equal(3, definitionXml.Element("attributes")!.Element("attribute")!.Element("values")!.Elements("value").Count());

        AssertJsonError(await JsonAsync($"{Base(s.Tenant)}/services/no-such.json", HttpStatusCode.NotFound), 404);
        var xmlError = await XmlAsync($"{Base(s.Tenant)}/services/no-such.xml", HttpStatusCode.NotFound);
        Assert.Equal("errors", xmlError.Name.LocalName);
        Assert.Equal("404", xmlError.Element("error")!.Element("code")!.Value);
    }

    [Fact]
    public async Task A_bad_api_key_is_refused_in_the_specs_error_format_and_nothing_is_stored()
    {
        var s = await app.ReportingTenantAsync();
        var other = await app.ReportingTenantAsync();
        var otherKey = await IssueKeyAsync(other.Tenant);

        foreach (var key in new[] { "", "0123456789abcdef", otherKey })
        {
            var json = await PostAsync(s.Tenant, "json", Request(key));
            Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
            AssertJsonError(JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement, 403);

            var xml = await PostAsync(s.Tenant, "xml", Request(key));
            Assert.Equal(HttpStatusCode.Forbidden, xml.StatusCode);
            var errors = XDocument.Parse(await xml.Content.ReadAsStringAsync()).Root!;
            Assert.Equal(["code", "description"], errors.Element("error")!.Elements().Select(e => e.Name.LocalName));
        }

        Assert.Equal(0, await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().CountAsync(r => r.TenantId == s.Tenant.Id)));
    }

    [Fact]
    public async Task A_client_posts_a_request_and_reads_its_status_in_json_and_xml()
    {
        var s = await app.ReportingTenantAsync();
        var key = await IssueKeyAsync(s.Tenant);
        const string tricky = "<request><script>alert(1)</script></request> & \"穴\"";

        var posted = await PostAsync(s.Tenant, "json", Request(key, tricky));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var created = Assert.Single(JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(["service_request_id", "token", "service_notice", "account_id"], created.EnumerateObject().Select(p => p.Name));
        var id = created.GetProperty("service_request_id").GetString()!;
        var token = created.GetProperty("token").GetString()!;

        var one = Assert.Single((await JsonAsync($"{Base(s.Tenant)}/requests/{id}.json")).EnumerateArray());
        Assert.Equal(RequestFields, one.EnumerateObject().Select(p => p.Name));
        Assert.Equal("open", one.GetProperty("status").GetString());
        Assert.Equal(tricky, one.GetProperty("description").GetString());
        Assert.Equal(ReportScenario.InsideLat, one.GetProperty("lat").GetDouble());
        Assert.Equal(JsonValueKind.Null, one.GetProperty("expected_datetime").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$", one.GetProperty("requested_datetime").GetString());
        Assert.Equal(s.Tenant.DepartmentName, one.GetProperty("agency_responsible").GetString());
        // Who reported is never part of the answer.
        Assert.DoesNotContain("app-user@example.jp", one.GetRawText());
        Assert.DoesNotContain("太郎", one.GetRawText());

        // Staff close it; the XML answer shows closed with the city's note.
        await app.InTenantAsync(s.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
            var report = await db.Set<Report>().SingleAsync(r => r.Id == Guid.Parse(id));
            Assert.Null(await sp.GetRequiredService<Madoguchi.Reports.Triage.ReportWorkflow>().ChangeStatusAsync(report, report.Version, ReportStatus.Closed, "補修しました。", null, null, CancellationToken.None));
            return 0;
        });
        var xml = await XmlAsync($"{Base(s.Tenant)}/requests/{id}.xml");
        Assert.Equal("service_requests", xml.Name.LocalName);
        var request = Assert.Single(xml.Elements("request"));
        Assert.Equal(RequestFields, request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("closed", request.Element("status")!.Value);
        Assert.Equal("補修しました。", request.Element("status_notes")!.Value);
        Assert.Equal(tricky, request.Element("description")!.Value);

        var byToken = Assert.Single((await JsonAsync($"{Base(s.Tenant)}/tokens/{token}.json")).EnumerateArray());
        Assert.Equal(["service_request_id", "token"], byToken.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, byToken.GetProperty("service_request_id").GetString());
        Assert.Equal("request", (await XmlAsync($"{Base(s.Tenant)}/tokens/{token}.xml")).Elements().Single().Name.LocalName);
    }

    [Fact]
    public async Task Requests_are_filtered_as_the_spec_says_plus_a_radius()
    {
        var s = await app.ReportingTenantAsync();
        var key = await IssueKeyAsync(s.Tenant);
        var near = (await PostAsync(s.Tenant, "json", Request(key, "近くの穴"))).StatusCode;
        Assert.Equal(HttpStatusCode.Created, near);
        // About 5.5 km north, still inside the area.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(s.Tenant, "json", Request(key, "遠くの穴", ReportScenario.InsideLat - 0.05))).StatusCode);
        string Descriptions(JsonElement body) => string.Join(",", body.EnumerateArray().Select(r => r.GetProperty("description").GetString()).Order());

        Assert.Equal("近くの穴,遠くの穴", Descriptions(await JsonAsync($"{Base(s.Tenant)}/requests.json")));
        Assert.Equal("近くの穴", Descriptions(await JsonAsync($"{Base(s.Tenant)}/requests.json?lat={ReportScenario.InsideLat}&long={ReportScenario.InsideLon}&radius=1000")));
        Assert.Equal("近くの穴,遠くの穴", Descriptions(await JsonAsync($"{Base(s.Tenant)}/requests.json?service_code={ReportScenario.Category}&status=open")));
        Assert.Equal("", Descriptions(await JsonAsync($"{Base(s.Tenant)}/requests.json?status=closed")));
        Assert.Equal("", Descriptions(await JsonAsync($"{Base(s.Tenant)}/requests.json?service_code=street-light")));
        Assert.Equal("", Descriptions(await JsonAsync($"{Base(s.Tenant)}/requests.json?end_date=2000-01-01T00:00:00Z")));
        Assert.Equal("近くの穴,遠くの穴", Descriptions(await JsonAsync($"{Base(s.Tenant)}/requests.json?start_date={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")));

        AssertJsonError(await JsonAsync($"{Base(s.Tenant)}/requests.json?start_date=yesterday", HttpStatusCode.BadRequest), 400);
        AssertJsonError(await JsonAsync($"{Base(s.Tenant)}/requests.json?lat=38.5", HttpStatusCode.BadRequest), 400);
        AssertJsonError(await JsonAsync($"{Base(s.Tenant)}/requests.json?status=pending", HttpStatusCode.BadRequest), 400);
    }

    [Fact]
    public async Task Out_of_area_and_missing_fields_are_refused_and_another_tenants_request_is_not_found()
    {
        var s = await app.ReportingTenantAsync();
        var key = await IssueKeyAsync(s.Tenant);
        var outside = Request(key);
        outside["lat"] = "35.6812";
        outside["long"] = "139.7671";
        var refused = await PostAsync(s.Tenant, "xml", outside);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("区域の外", XDocument.Parse(await refused.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("description")!.Value);

        var noPlace = Request(key);
        noPlace.Remove("lat");
        noPlace.Remove("long");
        noPlace.Remove("address_string");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(s.Tenant, "json", noPlace)).StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().CountAsync(r => r.TenantId == s.Tenant.Id)));

        var b = await app.ReportingTenantAsync();
        var bKey = await IssueKeyAsync(b.Tenant);
        var bPosted = JsonDocument.Parse(await (await PostAsync(b.Tenant, "json", Request(bKey, "被害市の穴"))).Content.ReadAsStringAsync()).RootElement[0];
        var bId = bPosted.GetProperty("service_request_id").GetString();
        var bToken = bPosted.GetProperty("token").GetString();
        AssertJsonError(await JsonAsync($"{Base(s.Tenant)}/requests/{bId}.json", HttpStatusCode.NotFound), 404);
        AssertJsonError(await JsonAsync($"{Base(s.Tenant)}/tokens/{bToken}.json", HttpStatusCode.NotFound), 404);
        Assert.Equal(0, (await JsonAsync($"{Base(s.Tenant)}/requests.json?service_request_id={bId}")).GetArrayLength());
    }
}
