using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Madoguchi.Procedures.Forms.Schema;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>
/// Real Open311 output checked against JSON Schemas (2020-12) written from the GeoReport v2 spec
/// (Open311Schemas/*.schema.json), with the project's own validator, formats asserted; the XML of
/// the same calls checked against the spec's element names, taken from the same schemas.
/// </summary>
public sealed class Open311SchemaTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static readonly SchemaEvaluationOptions Strict = new() { AssertFormats = true };

    private static JsonElement SchemaDocument(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(ArchitectureTests.RepoRoot(), "tests", "Madoguchi.Tests", "Reports", "Open311Schemas", name + ".schema.json"))).RootElement.Clone();

    private static void AssertValid(string schemaName, JsonElement instance)
    {
        var result = JsonSchema.Parse(SchemaDocument(schemaName)).Evaluate(instance, Strict);
        Assert.True(result.IsValid, $"{schemaName}: " + string.Join("; ", result.Errors.Select(e => $"{e.InstanceLocation} {e.Keyword}: {e.Message}")) + "\n" + instance);
    }

    private async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<XElement> XmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.OrdinalIgnoreCase);
        return XDocument.Parse(text).Root!;
    }

    /// <summary>Root and item element names as the spec's XML examples have them; each item's children are the schema's properties, the required ones present.</summary>
    private static void AssertXmlShape(XElement root, string rootName, string? itemName, JsonElement itemSchema)
    {
        Assert.Equal(rootName, root.Name.LocalName);
        var items = itemName is null ? [root] : root.Elements().ToList();
        Assert.All(items, item =>
        {
            Assert.Equal(itemName ?? rootName, item.Name.LocalName);
            var names = item.Elements().Select(e => e.Name.LocalName).ToList();
            var allowed = itemSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Empty(names.Except(allowed));
            if (itemSchema.TryGetProperty("required", out var required))
            {
                Assert.Empty(required.EnumerateArray().Select(r => r.GetString()!).Except(names));
            }
        });
    }

    private static JsonElement ItemsOf(JsonElement schema) => schema.GetProperty("items");

    [Fact]
    public async Task Every_JSON_answer_validates_against_the_spec_schemas_and_the_XML_has_the_specs_elements()
    {
        var s = await app.ReportingTenantAsync();
        var key = await IssueKeyAsync(s.Tenant);
        var api = $"/{s.Tenant.Code}/open311/v2";
        var client = app.CreateClient();

        var discovery = await JsonAsync(await client.GetAsync($"{api}/discovery.json"), HttpStatusCode.OK);
        AssertValid("discovery", discovery);
        var discoveryXml = await XmlAsync(await client.GetAsync($"{api}/discovery.xml"), HttpStatusCode.OK);
        AssertXmlShape(discoveryXml, "discovery", null, SchemaDocument("discovery"));
        Assert.Equal(["text/xml", "application/json"], discoveryXml.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value));

        AssertValid("services", await JsonAsync(await client.GetAsync($"{api}/services.json"), HttpStatusCode.OK));
        AssertXmlShape(await XmlAsync(await client.GetAsync($"{api}/services.xml"), HttpStatusCode.OK), "services", "service", ItemsOf(SchemaDocument("services")));

        AssertValid("service-definition", await JsonAsync(await client.GetAsync($"{api}/services/{ReportScenario.Category}.json"), HttpStatusCode.OK));
        var definitionXml = await XmlAsync(await client.GetAsync($"{api}/services/{ReportScenario.Category}.xml"), HttpStatusCode.OK);
        var definitionSchema = SchemaDocument("service-definition");
        AssertXmlShape(definitionXml, "service_definition", null, definitionSchema);
        var attributeSchema = definitionSchema.GetProperty("$defs").GetProperty("attribute");
        AssertXmlShape(definitionXml.Element("attributes")!, "attributes", "attribute", attributeSchema);
        AssertXmlShape(definitionXml.Element("attributes")!.Element("attribute")!.Element("values")!, "values", "value", attributeSchema.GetProperty("properties").GetProperty("values").GetProperty("items"));

        // POST in both formats: the answer validates; one report by address only (lat/long null).
        var posted = await JsonAsync(await client.PostAsync($"{api}/requests.json", new FormUrlEncodedContent(Fields(key))), HttpStatusCode.Created);
        AssertValid("post-response", posted);
        var id = posted[0].GetProperty("service_request_id").GetString()!;
        var token = posted[0].GetProperty("token").GetString()!;
        var byAddress = Fields(key, "同じ場所の別の穴");
        byAddress.Remove("lat");
        byAddress.Remove("long");
        var postedXml = await XmlAsync(await client.PostAsync($"{api}/requests.xml", new FormUrlEncodedContent(byAddress)), HttpStatusCode.Created);
        AssertXmlShape(postedXml, "service_requests", "request", ItemsOf(SchemaDocument("post-response")));

        // A public note on the first, so status_notes is a string somewhere (as ReportWorkflow writes it: history row and the report's current note).
        await app.DbAsync(async db =>
        {
            db.Add(new ReportUpdate { TenantId = s.Tenant.Id, ReportId = Guid.Parse(id), Kind = ReportUpdateKind.StatusChanged, FromStatus = ReportStatus.Received, ToStatus = ReportStatus.InProgress, PublicNote = "現地を確認します。" });
            await db.Set<Report>().IgnoreQueryFilters().Where(r => r.Id == Guid.Parse(id)).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.InProgress).SetProperty(r => r.PublicNote, "現地を確認します。"));
            await db.SaveChangesAsync();
        });

        var requestSchema = SchemaDocument("requests");
        foreach (var query in new[] { "", "?status=open", $"?service_request_id={id}", "?lat=38.577&long=140.9556&radius=300", $"?service_code={ReportScenario.Category}&start_date=2020-01-01T00:00:00Z" })
        {
            var list = await JsonAsync(await client.GetAsync($"{api}/requests.json{query}"), HttpStatusCode.OK);
            Assert.NotEqual(0, list.GetArrayLength());
            AssertValid("requests", list);
            AssertXmlShape(await XmlAsync(await client.GetAsync($"{api}/requests.xml{query}"), HttpStatusCode.OK), "service_requests", "request", ItemsOf(requestSchema));
        }

        var all = await JsonAsync(await client.GetAsync($"{api}/requests.json"), HttpStatusCode.OK);
        Assert.Contains(all.EnumerateArray(), r => r.GetProperty("lat").ValueKind == JsonValueKind.Null);
        Assert.Contains(all.EnumerateArray(), r => r.GetProperty("status_notes").GetString() == "現地を確認します。");
        AssertValid("requests", await JsonAsync(await client.GetAsync($"{api}/requests/{id}.json"), HttpStatusCode.OK));
        AssertXmlShape(await XmlAsync(await client.GetAsync($"{api}/requests/{id}.xml"), HttpStatusCode.OK), "service_requests", "request", ItemsOf(requestSchema));

        AssertValid("tokens", await JsonAsync(await client.GetAsync($"{api}/tokens/{token}.json"), HttpStatusCode.OK));
        AssertXmlShape(await XmlAsync(await client.GetAsync($"{api}/tokens/{token}.xml"), HttpStatusCode.OK), "service_requests", "request", ItemsOf(SchemaDocument("tokens")));

        // Every error, in both formats.
        var errorItem = ItemsOf(SchemaDocument("errors"));
        var bad = Fields(key);
        bad["api_key"] = "not-a-key";
        var noPlace = Fields(key);
        noPlace.Remove("lat");
        noPlace.Remove("long");
        noPlace.Remove("address_string");
        foreach (var (format, send, status) in new (string, Func<string, Task<HttpResponseMessage>>, HttpStatusCode)[]
        {
            ("bad key", f => client.PostAsync($"{api}/requests.{f}", new FormUrlEncodedContent(bad)), HttpStatusCode.Forbidden),
            ("no place", f => client.PostAsync($"{api}/requests.{f}", new FormUrlEncodedContent(noPlace)), HttpStatusCode.BadRequest),
            ("unknown service", f => client.GetAsync($"{api}/services/no-such.{f}"), HttpStatusCode.NotFound),
            ("unknown request", f => client.GetAsync($"{api}/requests/{Guid.NewGuid()}.{f}"), HttpStatusCode.NotFound),
            ("bad radius", f => client.GetAsync($"{api}/requests.{f}?lat=38.5&long=140.9&radius=99999"), HttpStatusCode.BadRequest),
            ("bad date", f => client.GetAsync($"{api}/requests.{f}?start_date=yesterday"), HttpStatusCode.BadRequest),
        })
        {
            var error = await JsonAsync(await send("json"), status);
            AssertValid("errors", error);
            Assert.Equal((int)status, error[0].GetProperty("code").GetInt32());
            AssertXmlShape(await XmlAsync(await send("xml"), status), "errors", "error", errorItem);
        }
    }

    [Fact]
    public void The_schemas_refuse_output_that_departs_from_the_spec()
    {
        JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
        bool Valid(string schema, string instance) => JsonSchema.Parse(SchemaDocument(schema)).Evaluate(Json(instance), Strict).IsValid;

        const string request = """{"service_request_id":"1","status":"open","status_notes":null,"service_name":"x","service_code":"x","description":"","agency_responsible":null,"service_notice":null,"requested_datetime":"2026-11-24T09:00:00+09:00","updated_datetime":null,"expected_datetime":null,"address":null,"address_id":null,"zipcode":null,"lat":38.5,"long":140.9,"media_url":null}""";
        Assert.True(Valid("requests", $"[{request}]"));
        Assert.False(Valid("requests", $"[{request.Replace("\"open\"", "\"pending\"")}]"));
        Assert.False(Valid("requests", $"[{request.Replace("2026-11-24T09:00:00+09:00", "2026-11-24 09:00:00")}]")); // no zone, no T
        Assert.False(Valid("requests", $"[{request.Replace("\"zipcode\":null", "\"zipcode\":null,\"reporter_email\":\"a@b.jp\"")}]"));
        Assert.False(Valid("errors", """[{"code":"403","description":"x"}]"""));
        Assert.False(Valid("errors", "[]"));
        Assert.False(Valid("post-response", """[{"service_notice":null,"account_id":null}]"""));
        Assert.False(Valid("service-definition", """{"service_code":"x","attributes":[{"variable":true,"code":"a","datatype":"singlevaluelist","required":true,"datatype_description":null,"order":1,"description":"a"}]}"""));
        Assert.False(Valid("services", """[{"service_code":"x","service_name":"x","description":"","metadata":"yes","type":"realtime","keywords":"","group":""}]"""));
    }

    private async Task<string> IssueKeyAsync(TestData.TenantInfo tenant)
    {
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var response = await admin.SubmitAsync($"/{tenant.Code}/staff/open311-clients", new Dictionary<string, string> { ["Input.Name"] = "スキーマ確認アプリ" }, "form[aria-labelledby=issue-title]");
        return (await response.ReadPageAsync()).Document.QuerySelector("#issued-key")!.TextContent.Trim();
    }

    private static Dictionary<string, string> Fields(string key, string description = "歩道の穴") => new()
    {
        ["api_key"] = key, ["service_code"] = ReportScenario.Category, ["lat"] = "38.5771", ["long"] = "140.9557",
        ["address_string"] = "古川七日町", ["description"] = description, ["attribute[danger]"] = "注意が必要",
    };
}
