using System.Net;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Platform.Tenancy;

/// <summary>
/// Walks every mapped route as a tenant admin of municipality A, filling route values with the
/// identifiers of municipality B's records, and checks that nothing of B is ever shown or changed.
/// New routes are covered automatically.
/// </summary>
public sealed class CrossTenantRouteTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    /// <param name="Secrets">Never shown to anyone outside B's staff.</param>
    /// <param name="Internal">B's own pages may show these (its departments, its invitation), A's never.</param>
    private sealed record Victim(TestData.TenantInfo Tenant, TestData.StaffInfo Staff, string InvitationToken, string[] Secrets, string[] Internal);

    private async Task<Victim> TenantBAsync()
    {
        var b = await app.TenantAsync("被害市");
        var staff = await app.StaffAsync(b, (StaffRoleKind.Reviewer, b.DepartmentId));
        var token = StaffInvitation.NewToken();
        var invitedEmail = $"b-invitee-{Guid.NewGuid():N}@example.jp";
        await app.DbAsync(async db =>
        {
            db.Departments.Add(new Department { TenantId = b.Id, Name = "被害市秘密課" });
            db.Set<StaffInvitation>().Add(new StaffInvitation
            {
                TenantId = b.Id, Email = invitedEmail, DisplayName = "被害市招待者", TokenHash = StaffInvitation.Hash(token),
                Role = StaffRoleKind.Reviewer, DepartmentId = b.DepartmentId, ExpiresAt = DateTime.UtcNow.AddDays(1),
            });
            await db.SaveChangesAsync();
        });
        // B's invitation page shows its invitee to whoever holds the token: that is B's own page.
        return new Victim(b, staff, token, [staff.Email, b.DepartmentId.ToString()], ["被害市秘密課", invitedEmail, "被害市招待者"]);
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.Contains("{**", StringComparison.Ordinal));

    private static string Url(RoutePattern pattern, string tenantCode, Victim victim)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "tenant" } => tenantCode,
            RoutePatternParameterPart { Name: "id" } => victim.Staff.Id.ToString(),
            RoutePatternParameterPart { Name: "token" } => victim.InvitationToken,
            RoutePatternParameterPart { Name: "status" } => "404",
            RoutePatternParameterPart { Name: "culture" } => "ja",
            RoutePatternParameterPart => victim.Tenant.DepartmentId.ToString(),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    [Fact]
    public async Task No_route_shows_another_municipalitys_data_to_a_tenant_admin()
    {
        var a = await app.TenantAsync("攻撃市");
        var (_, client) = await app.TenantAdminAsync(a);
        var victim = await TenantBAsync();
        var walked = new List<string>();

        foreach (var endpoint in Endpoints())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            if (!methods.Contains("GET"))
            {
                continue;
            }

            foreach (var code in new[] { a.Code, victim.Tenant.Code })
            {
                var url = Url(endpoint.RoutePattern, code, victim);
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                walked.Add($"{(int)response.StatusCode} {url}");
                Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
                foreach (var secret in code == a.Code ? victim.Secrets.Concat(victim.Internal) : victim.Secrets)
                {
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{url} leaked '{secret}' of another municipality");
                }
            }
        }

        // The walk really visited the tenant routes, including B's resources addressed through A.
        Assert.Contains(walked, w => w.Contains($"/{a.Code}/staff/members/{victim.Staff.Id}", StringComparison.Ordinal) && w.StartsWith("404", StringComparison.Ordinal));
        Assert.Contains(walked, w => w.Contains($"/{a.Code}/staff/invitations/", StringComparison.Ordinal));
        Assert.Contains(walked, w => w.Contains($"/{victim.Tenant.Code}/staff/members", StringComparison.Ordinal) && w.StartsWith("403", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Lock")]
    [InlineData("Grant")]
    [InlineData("Revoke")]
    public async Task Posting_to_another_municipalitys_member_changes_nothing(string handler)
    {
        var a = await app.TenantAsync("攻撃市");
        var (_, client) = await app.TenantAdminAsync(a);
        var victim = await TenantBAsync();
        var roleId = await app.DbAsync(db => db.Set<StaffRole>().IgnoreQueryFilters().Where(r => r.StaffUserId == victim.Staff.Id).Select(r => r.Id).SingleAsync());
        var before = await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == victim.Tenant.Id));

        // A real form of A's own page supplies a valid antiforgery token.
        var page = await client.GetPageAsync($"/{a.Code}/staff/members");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync($"/{a.Code}/staff/members/{victim.Staff.Id}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["roleId"] = roleId.ToString(),
            ["Grant.Role"] = nameof(StaffRoleKind.TenantAdmin),
        }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var crossRoute = await client.PostAsync($"/{victim.Tenant.Code}/staff/members/{victim.Staff.Id}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["roleId"] = roleId.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, crossRoute.StatusCode);

        Assert.Equal(before, await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == victim.Tenant.Id)));
        await app.DbAsync(async db => Assert.True(await db.Set<StaffRole>().IgnoreQueryFilters().AnyAsync(r => r.Id == roleId)));
    }

    [Fact]
    public async Task Query_filter_hides_other_tenants_rows_from_every_tenant_owned_set()
    {
        var a = await app.TenantAsync();
        var b = await app.TenantAsync();
        var seen = await app.ScopeAsync(async sp =>
        {
            var tenant = sp.GetRequiredService<TenantContext>();
            tenant.Set(a.Id, a.Code, a.Name, a.Name);
            var db = sp.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
            return await db.Departments.Select(d => d.TenantId).Distinct().ToListAsync();
        });
        Assert.Equal([a.Id], seen);
        _ = b;
    }
}
