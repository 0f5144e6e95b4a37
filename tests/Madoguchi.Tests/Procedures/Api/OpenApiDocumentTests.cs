using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Api;
using Madoguchi.Procedures.Forms.Schema;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Exports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Api;

/// <summary>/openapi/v1.json describes every API route, and real responses satisfy its schemas.</summary>
public sealed class OpenApiDocumentTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private async Task<JsonObject> DocumentAsync()
    {
        var response = await app.CreateClient().GetAsync(ApiDocument.Path);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Every_mapped_api_route_is_described_with_its_problems()
    {
        var document = await DocumentAsync();
        Assert.Equal("3.1.0", document["openapi"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/{tenant:municipality}/api/v1/", StringComparison.Ordinal))
            .Select(e => e.RoutePattern.RawText!.Replace(":municipality", "", StringComparison.Ordinal).Replace(":guid", "", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(4, mapped.Count);
        Assert.Equal(mapped.Order(), paths.Select(p => p.Key).Order());
        foreach (var (_, item) in paths)
        {
            var responses = (item!["get"] ?? item["post"])!["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("200"));
            Assert.True(responses.ContainsKey("401"));
            Assert.True(responses.ContainsKey("404"));
            Assert.Equal("bearer", document["components"]!["securitySchemes"]!["apiKey"]!["scheme"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Real_responses_satisfy_the_documented_schemas()
    {
        var document = await DocumentAsync();
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "jidou-teate-nintei");
        await app.AttachAsync(tenant, submitted.Id, "kouza-kakunin", "通帳.pdf");
        var (_, _, api) = await app.ApiClientAsync(tenant);

        AssertValid(document, "ApplicationPage", await api.GetStringAsync($"/{tenant.Code}/api/v1/applications?limit=1"));
        AssertValid(document, "ApplicationDocument", await api.GetStringAsync($"/{tenant.Code}/api/v1/applications/{submitted.Id}"));
        AssertValid(document, "Problem", await (await api.GetAsync($"/{tenant.Code}/api/v1/applications/{Guid.NewGuid()}")).Content.ReadAsStringAsync());
        AssertValid(document, "Problem", await (await app.CreateClient().GetAsync($"/{tenant.Code}/api/v1/applications")).Content.ReadAsStringAsync());
    }

    /// <summary>OpenAPI 3.1 schemas are JSON Schema 2020-12: checked with the form engine's validator.</summary>
    private static void AssertValid(JsonObject document, string schemaName, string body)
    {
        var defs = document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var schema = JsonSchema.Parse($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"#/$defs/{{schemaName}}","$defs":{{defs}}}""");
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement);
        Assert.True(result.IsValid, $"{schemaName}: " + string.Join("; ", result.Errors.Select(e => $"{e.InstanceLocation} {e.Keyword} {e.Message}")));
    }
}
