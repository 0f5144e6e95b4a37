using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Madoguchi.Procedures.Api;
using Madoguchi.Procedures.Exports;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Exports;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Procedures.Api;

/// <summary>The core-system API: keys, scope by municipality and department, paging, documents and files, problem+json.</summary>
public sealed class ApplicationsApiTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}|\p{IsKatakana}", json.RootElement.GetProperty("title").GetString()!);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task A_key_issued_on_the_admin_page_opens_the_api_until_it_is_revoked()
    {
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "risai-shoumei");
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var url = $"/{tenant.Code}/api/v1/applications";

        var anonymous = await app.CreateClient().GetAsync(url);
        await ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiClient.NewKey());
        await ProblemAsync(await wrong.GetAsync(url), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/{tenant.Code}/staff/api-clients",
            new Dictionary<string, string> { ["Input.Name"] = "児童手当システム" }, "form.stack")).StatusCode);
        var page = await admin.GetPageAsync($"/{tenant.Code}/staff/api-clients");
        var key = page.Document.QuerySelector("#api-key")!.TextContent.Trim();
        Assert.Null((await admin.GetPageAsync($"/{tenant.Code}/staff/api-clients")).Document.QuerySelector("#api-key")); // shown once
        Assert.DoesNotContain(key, await app.DbAsync(db => db.Set<ApiClient>().IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).Select(c => c.TokenHash).SingleAsync()), StringComparison.Ordinal);

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var list = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(submitted.Number, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same key means nothing in another municipality.
        var other = await app.TenantAsync();
        await ProblemAsync(await api.GetAsync($"/{other.Code}/api/v1/applications"), HttpStatusCode.Unauthorized);

        var revoke = await admin.GetPageAsync($"/{tenant.Code}/staff/api-clients");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(revoke, new Dictionary<string, string>(), "form.inline-form[action*='Revoke']")).StatusCode);
        await ProblemAsync(await api.GetAsync(url), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_departments_or_municipalitys_application_is_404()
    {
        var tenant = await app.TenantAsync();
        var childcare = await app.DepartmentAsync(tenant, "保育課");
        var ours = await app.SubmittedAsync(tenant, "risai-shoumei");
        var theirs = await app.SubmittedAsync(tenant, "hoiku-riyou-moushikomi", childcare);
        var other = await app.TenantAsync();
        var foreign = await app.SubmittedAsync(other, "risai-shoumei");
        var (_, _, api) = await app.ApiClientAsync(tenant, tenant.DepartmentId);

        var list = JsonDocument.Parse(await api.GetStringAsync($"/{tenant.Code}/api/v1/applications")).RootElement;
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([ours.Id], ids);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/{tenant.Code}/api/v1/applications/{ours.Id}")).StatusCode);
        await ProblemAsync(await api.GetAsync($"/{tenant.Code}/api/v1/applications/{theirs.Id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await api.GetAsync($"/{tenant.Code}/api/v1/applications/{foreign.Id}"), HttpStatusCode.NotFound);
        var (file, _) = await app.AttachAsync(tenant, theirs.Id, "shuurou-shoumei", "就労証明書.pdf");
        await ProblemAsync(await api.GetAsync($"/{tenant.Code}/api/v1/applications/{theirs.Id}/attachments/{file.Id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await api.GetAsync($"/{tenant.Code}/api/v1/applications/{ours.Id}/attachments/{file.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_application_is_the_json_export_document_and_its_files_match_their_digests()
    {
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "jidou-teate-nintei");
        var (file, bytes) = await app.AttachAsync(tenant, submitted.Id, "kouza-kakunin", "通帳.pdf");
        var (clientId, _, api) = await app.ApiClientAsync(tenant);

        var document = JsonDocument.Parse(await api.GetStringAsync($"/{tenant.Code}/api/v1/applications/{submitted.Id}")).RootElement;
        Assert.Equal(ApplicationDocument.FormatName, document.GetProperty("format").GetString());
        Assert.Equal(submitted.Number, document.GetProperty("receiptNumber").GetString());
        var attachment = Assert.Single(document.GetProperty("attachments").EnumerateArray().ToList());

        var download = await api.GetAsync($"/{tenant.Code}/api/v1/applications/{submitted.Id}/attachments/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var downloaded = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, downloaded);
        Assert.Equal(attachment.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(downloaded)));

        var logs = await app.DbAsync(db => db.Set<ExportLog>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ApplicationId == submitted.Id).Select(e => new { e.Actor, e.Kind }).ToListAsync());
        Assert.Equal(2, logs.Count);
        Assert.All(logs, l => Assert.Equal($"api:{clientId}", l.Actor));
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor_and_filters_and_refuses_bad_parameters_in_japanese()
    {
        var tenant = await app.TenantAsync();
        var first = await app.SubmittedAsync(tenant, "risai-shoumei");
        var second = await app.SubmittedAsync(tenant, "risai-shoumei");
        var third = await app.SubmittedAsync(tenant, "jidou-teate-nintei");
        var (_, _, api) = await app.ApiClientAsync(tenant);
        var url = $"/{tenant.Code}/api/v1/applications";

        var page1 = JsonDocument.Parse(await api.GetStringAsync($"{url}?procedure=risai-shoumei&limit=1")).RootElement;
        Assert.Equal(first.Number, Assert.Single(page1.GetProperty("items").EnumerateArray().ToList()).GetProperty("receiptNumber").GetString());
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = JsonDocument.Parse(await api.GetStringAsync($"{url}?procedure=risai-shoumei&limit=1&cursor={cursor}")).RootElement;
        Assert.Equal(second.Number, Assert.Single(page2.GetProperty("items").EnumerateArray().ToList()).GetProperty("receiptNumber").GetString());
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);

        var all = JsonDocument.Parse(await api.GetStringAsync($"{url}?status=Submitted&submittedSince={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")).RootElement;
        Assert.Equal([first.Number, second.Number, third.Number], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("receiptNumber").GetString()));
        var none = JsonDocument.Parse(await api.GetStringAsync($"{url}?status=Approved")).RootElement;
        Assert.Empty(none.GetProperty("items").EnumerateArray());

        await ProblemAsync(await api.GetAsync($"{url}?status=Draft"), HttpStatusCode.BadRequest);
        await ProblemAsync(await api.GetAsync($"{url}?cursor=!!"), HttpStatusCode.BadRequest);
        await ProblemAsync(await api.GetAsync($"{url}?limit=0"), HttpStatusCode.BadRequest);
        await ProblemAsync(await api.GetAsync($"{url}?submittedSince=yesterday"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Each_client_is_rate_limited_on_its_own()
    {
        await using var limited = new MadoguchiApp().With("Integration:ApiRequestsPerMinute", "3").With("Integration:WebhooksEnabled", "false");
        var tenant = await limited.TenantAsync();
        var (_, _, busy) = await limited.ApiClientAsync(tenant);
        var (_, _, quiet) = await limited.ApiClientAsync(tenant);
        var url = $"/{tenant.Code}/api/v1/applications";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(url)).StatusCode);
        }

        var refused = await busy.GetAsync(url);
        await ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync(url)).StatusCode);
    }
}
