using System.Net;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Platform;

/// <summary>Two server nodes on one database, as behind a load balancer.</summary>
public sealed class TwoNodeTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task A_staff_session_started_on_one_node_is_honoured_by_the_other()
    {
        var tenant = await app.TenantAsync();
        var staff = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        await using var second = app.SecondNode();

        var cookies = new System.Net.CookieContainer();
        var nodeA = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var login = await nodeA.SubmitAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = staff.Email, ["Input.Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        // CreateDefaultClient follows redirects; the cookie container carries the session over.
        var nodeB = second.CreateDefaultClient(new CookieContainerHandler(cookies));
        var page = await nodeB.GetPageAsync($"/{tenant.Code}/staff");
        Assert.Contains("市民課 審査担当", page.Text);
        // The key that protects the cookie lives in the shared database, not on one node's disk.
        Assert.True(await app.CountAsync<DataProtectionKey>() > 0);
    }

    [Fact]
    public async Task Writes_from_two_nodes_keep_one_unbroken_audit_chain()
    {
        var tenant = await app.TenantAsync();
        await using var second = app.SecondNode();
        _ = second.Services;

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? app : second).DbAsync(async db =>
        {
            db.Departments.Add(new Department { TenantId = tenant.Id, Name = $"二系統課{i}" });
            await db.SaveChangesAsync();
        })));

        var result = await app.ScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(tenant.Id, CancellationToken.None));
        Assert.True(result.IsIntact, string.Join("\n", result.Problems.Select(p => p.Message)));
        Assert.Equal(31, result.EntriesChecked);
    }
}
