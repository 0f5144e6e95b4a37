using System.Net;
using Madoguchi.Platform.Staff;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Exports;

namespace Madoguchi.Tests.Procedures.Review;

/// <summary>Reviewers open the documents an applicant attached; files are decrypted on the way out, and only for the department.</summary>
public sealed class StaffAttachmentTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task The_department_reads_the_original_file_from_the_case_page_and_no_one_else_does()
    {
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "jidou-teate-nintei");
        var (file, bytes) = await app.AttachAsync(tenant, submitted.Id, "kouza-kakunin", "通帳.pdf");
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));
        var url = $"/{tenant.Code}/staff/applications/{submitted.Id}/attachments/{file.Id}";

        var casePage = await reviewer.GetPageAsync($"/{tenant.Code}/staff/applications/{submitted.Id}");
        Assert.NotNull(casePage.Document.QuerySelector($"a[href='{url}']"));
        var download = await reviewer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("no-store", download.Headers.CacheControl!.ToString());

        var other = await app.DepartmentAsync(tenant, "税務課");
        var outsider = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, other)));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        var foreign = await app.TenantAsync();
        var (_, foreignAdmin) = await app.TenantAdminAsync(foreign);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignAdmin.GetAsync($"/{foreign.Code}/staff/applications/{submitted.Id}/attachments/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/{tenant.Code}/staff/applications/{Guid.NewGuid()}/attachments/{file.Id}")).StatusCode);
    }
}
