using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests;

/// <summary>
/// Every page the host maps, opened in chromium by an anonymous visitor and by a platform admin
/// (who may open every staff page), must pass axe's WCAG 2.1 A/AA rules. New pages join the
/// sweep on their own.
/// </summary>
public sealed class EveryPageAccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record Values(string Code, Guid StaffId, string InvitationToken);

    private const string ProcedureKey = "ninshin-todoke";

    private IEnumerable<string> PageUrls(Values values) =>
        browser.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => e.RoutePattern)
            .Where(p => !p.RawText!.Contains("{**", StringComparison.Ordinal) && !p.RawText.StartsWith("/culture", StringComparison.Ordinal))
            // Open-data files (shelters.csv, shelters.geojson) are downloads, not pages: chromium refuses to "navigate" to them.
            .Where(p => !p.RawText!.EndsWith(".csv", StringComparison.Ordinal) && !p.RawText.EndsWith(".geojson", StringComparison.Ordinal))
            .Select(p => "/" + string.Join('/', p.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { Name: "tenant" } => values.Code,
                RoutePatternParameterPart { Name: "id" } => values.StaffId.ToString(),
                RoutePatternParameterPart { Name: "token" } => values.InvitationToken,
                RoutePatternParameterPart { Name: "status" } => "404",
                RoutePatternParameterPart { Name: "key" } => ProcedureKey,
                _ => "x",
            })))))
            .Distinct()
            .Order();

    private async Task<Values> DataAsync()
    {
        var tenant = await browser.App.TenantAsync();
        var staff = await browser.App.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var token = StaffInvitation.NewToken();
        await browser.App.DbAsync(async db =>
        {
            db.Set<StaffInvitation>().Add(new StaffInvitation
            {
                TenantId = tenant.Id, Email = $"invitee-{Guid.NewGuid():N}@example.jp", DisplayName = "招待 次郎", TokenHash = StaffInvitation.Hash(token),
                Role = StaffRoleKind.Reviewer, DepartmentId = tenant.DepartmentId, ExpiresAt = DateTime.UtcNow.AddDays(1),
            });
            await db.SaveChangesAsync();
        });
        await browser.App.OfferAsync(tenant, ProcedureKey);
        return new Values(tenant.Code, staff.Id, token);
    }

    private async Task<List<string>> SweepAsync(IPage page, Values values)
    {
        var visited = new List<string>();
        foreach (var url in PageUrls(values))
        {
            var response = await page.GotoAsync(url);
            var type = response is null ? "" : await response.HeaderValueAsync("content-type") ?? "";
            if (!type.StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }

            await page.AssertAccessibleAsync();
            visited.Add($"{url} → {page.Url}");
        }

        return visited;
    }

    [Fact]
    public async Task Every_page_passes_axe_for_an_anonymous_visitor()
    {
        var values = await DataAsync();
        var page = await browser.NewPageAsync();
        var visited = await SweepAsync(page, values);
        Assert.Contains(visited, v => v.StartsWith($"/{values.Code}/staff/invitations/", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.StartsWith($"/{values.Code}/account/register", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.StartsWith($"/{values.Code}/procedures/{ProcedureKey}", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_passes_axe_for_a_signed_in_platform_admin()
    {
        var values = await DataAsync();
        var admin = await browser.App.StaffAsync(null);
        var key = await browser.App.EnableTotpAsync(admin);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff/login");
        await page.GetByLabel("メールアドレス").FillAsync(admin.Email);
        await page.GetByLabel("パスワード").FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("確認コードの入力");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("確認コード").FillAsync(StaffSession.TotpCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("プラットフォーム管理");

        var visited = await SweepAsync(page, values);
        Assert.Contains(visited, v => v.StartsWith($"/{values.Code}/staff/members/{values.StaffId}", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.StartsWith("/admin", StringComparison.Ordinal));
        Assert.Contains(visited, v => v.StartsWith($"/{values.Code}/staff/procedures", StringComparison.Ordinal));
        await page.ScreenshotAsync("platform-admin");
        await page.Context.CloseAsync();
    }
}
