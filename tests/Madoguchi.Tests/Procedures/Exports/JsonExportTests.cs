using System.Net;
using System.Text.Json;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Exports;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Procedures.Exports;

/// <summary>One application in the JSON export format, downloaded by staff who may see it.</summary>
public sealed class JsonExportTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task Staff_download_the_documented_format_with_attachment_digests()
    {
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "jidou-teate-nintei");
        var (file, bytes) = await app.AttachAsync(tenant, submitted.Id, "kouza-kakunin", "通帳.pdf");
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));

        var response = await reviewer.GetAsync($"/{tenant.Code}/staff/applications/{submitted.Id}/export.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(ApplicationDocument.FormatName, root.GetProperty("format").GetString());
        Assert.Equal(submitted.Id, root.GetProperty("id").GetGuid());
        Assert.Equal(submitted.Number, root.GetProperty("receiptNumber").GetString());
        Assert.Equal("jidou-teate-nintei", root.GetProperty("procedure").GetProperty("key").GetString());
        Assert.Equal(1, root.GetProperty("procedure").GetProperty("version").GetInt32());
        Assert.Equal(tenant.DepartmentName, root.GetProperty("department").GetProperty("name").GetString());
        Assert.Equal("Submitted", root.GetProperty("status").GetString());
        Assert.EndsWith("Z", root.GetProperty("submittedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("山田 太郎", root.GetProperty("data").GetProperty("claimant").GetProperty("name").GetString());
        var attachment = Assert.Single(root.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal(file.Id, attachment.GetProperty("id").GetGuid());
        Assert.Equal("通帳.pdf", attachment.GetProperty("fileName").GetString());
        Assert.Equal(bytes.Length, attachment.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), attachment.GetProperty("sha256").GetString());

        var log = await app.DbAsync(db => db.Set<ExportLog>().IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.ApplicationId == submitted.Id));
        Assert.Equal(ExportKind.Json, log.Kind);
    }

    [Fact]
    public async Task Another_departments_or_municipalitys_application_is_not_found()
    {
        var tenant = await app.TenantAsync();
        var childcare = await app.DepartmentAsync(tenant, "保育課");
        var nursery = await app.SubmittedAsync(tenant, "hoiku-riyou-moushikomi", childcare);
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/{tenant.Code}/staff/applications/{nursery.Id}/export.json")).StatusCode);

        var other = await app.TenantAsync();
        var (_, stranger) = await app.TenantAdminAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{other.Code}/staff/applications/{nursery.Id}/export.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/{tenant.Code}/staff/applications/{nursery.Id}/export.json")).StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.Set<ExportLog>().IgnoreQueryFilters().CountAsync(e => e.ApplicationId == nursery.Id)));
    }
}
