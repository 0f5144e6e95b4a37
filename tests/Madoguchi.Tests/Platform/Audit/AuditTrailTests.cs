using System.Net;
using System.Text.Json;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Platform.Audit;

public sealed class AuditTrailTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private Task<AuditVerifier.Result> VerifyAsync(Guid chain) =>
        app.ScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(chain, CancellationToken.None));

    [Fact]
    public async Task A_change_made_through_a_page_records_who_what_which_record_when_and_from_where()
    {
        var tenant = await app.TenantAsync();
        var (admin, client) = await app.TenantAdminAsync(tenant);
        await client.SubmitAsync($"/{tenant.Code}/staff/departments", new Dictionary<string, string> { ["Input.Name"] = "監査テスト課" });

        var entry = await app.DbAsync(db => db.AuditEntries.Where(e => e.ChainId == tenant.Id && e.EntityType == nameof(Department))
            .OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal("created", entry.Action);
        Assert.Equal($"staff:{admin.Id}", entry.Actor);
        Assert.Contains("監査テスト課", JsonDocument.Parse(entry.Changes).RootElement.GetProperty("Name").GetString());
        Assert.True(entry.At > DateTime.UtcNow.AddMinutes(-1));
        Assert.True((await VerifyAsync(tenant.Id)).IsIntact);
    }

    [Fact]
    public async Task Secrets_are_recorded_as_changed_but_never_with_their_value()
    {
        var tenant = await app.TenantAsync();
        var staff = await app.StaffAsync(tenant);
        var changes = await app.DbAsync(db => db.AuditEntries.Where(e => e.EntityId == staff.Id.ToString() && e.EntityType == "StaffUser").Select(e => e.Changes).FirstAsync());
        var json = JsonDocument.Parse(changes).RootElement;
        Assert.Equal("***", json.GetProperty("PasswordHash").GetString());
        Assert.Equal("***", json.GetProperty("SecurityStamp").GetString());
    }

    [Theory]
    [InlineData("altered")]
    [InlineData("deleted")]
    [InlineData("inserted")]
    [InlineData("truncated")]
    public async Task Verification_catches_a_tampered_row(string tampering)
    {
        var tenant = await app.TenantAsync();
        await app.DbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
            {
                db.Departments.Add(new Department { TenantId = tenant.Id, Name = $"課{i}" });
                await db.SaveChangesAsync();
            }
        });
        Assert.True((await VerifyAsync(tenant.Id)).IsIntact);

        await app.DbAsync(async db =>
        {
            var second = await db.AuditEntries.Where(e => e.ChainId == tenant.Id).OrderBy(e => e.Sequence).Skip(1).FirstAsync();
            switch (tampering)
            {
                case "altered":
                    await db.AuditEntries.Where(e => e.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "staff:someone-else"));
                    break;
                case "deleted":
                    await db.AuditEntries.Where(e => e.Id == second.Id).ExecuteDeleteAsync();
                    break;
                case "truncated":
                    // The newest entries removed: the chain that is left is consistent in itself.
                    await db.AuditEntries.Where(e => e.ChainId == tenant.Id && e.Sequence > 1).ExecuteDeleteAsync();
                    break;
                case "inserted":
                    // A forged entry slipped in after the last one, with a made-up hash.
                    var last = await db.AuditEntries.Where(e => e.ChainId == tenant.Id).MaxAsync(e => e.Sequence);
                    db.AuditEntries.Add(new AuditEntry
                    {
                        ChainId = tenant.Id, Sequence = last + 1, At = DateTime.UtcNow, Actor = "staff:forger", Action = "deleted",
                        EntityType = "Department", EntityId = "x", Changes = "{}", PreviousHash = new string('a', 64), Hash = new string('b', 64),
                    });
                    await db.SaveChangesAsync();
                    break;
            }
        });

        var result = await VerifyAsync(tenant.Id);
        Assert.False(result.IsIntact);
        Assert.Contains(result.Problems, p => p.Kind == (tampering switch { "altered" => "altered", "deleted" => "missing", "truncated" => "truncated", _ => "link" }));
    }

    [Fact]
    public async Task Admin_verifies_from_the_audit_page_and_sees_only_their_own_chain()
    {
        var tenant = await app.TenantAsync();
        var other = await app.TenantAsync();
        var (_, client) = await app.TenantAdminAsync(tenant);
        await app.DbAsync(async db =>
        {
            db.Departments.Add(new Department { TenantId = other.Id, Name = "他市の秘密課" });
            await db.SaveChangesAsync();
        });

        var page = await client.GetPageAsync($"/{tenant.Code}/staff/audit");
        Assert.DoesNotContain("他市の秘密課", page.Body);
        var verified = await client.SubmitAsync(page, new Dictionary<string, string>(), "form[action*=Verify]");
        Assert.Contains("改ざんは見つかりませんでした", await verified.Content.ReadAsStringAsync());

        await app.DbAsync(db => db.AuditEntries.Where(e => e.ChainId == tenant.Id).OrderBy(e => e.Sequence).Take(1)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Changes, "{}")));
        var tampered = await client.SubmitAsync($"/{tenant.Code}/staff/audit", new Dictionary<string, string>(), "form[action*=Verify]");
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("改ざんの可能性があります", await tampered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        var tenant = await app.TenantAsync();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => app.DbAsync(async db =>
        {
            db.Departments.Add(new Department { TenantId = tenant.Id, Name = $"並行課{i}" });
            await db.SaveChangesAsync();
        })));
        var result = await VerifyAsync(tenant.Id);
        Assert.True(result.IsIntact, string.Join("\n", result.Problems.Select(p => p.Message)));
        Assert.Equal(21, result.EntriesChecked);
    }

    [Fact]
    public async Task The_audit_verify_command_exits_non_zero_on_a_tampered_trail_and_prints_the_heads()
    {
        var tenant = await app.TenantAsync();
        var intact = await app.RunAsync("audit", "verify", tenant.Code);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("監査証跡の検証", intact.Output);
        Assert.Contains($"head {tenant.Id}", intact.Output);

        await app.DbAsync(db => db.AuditEntries.Where(e => e.ChainId == tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "x")));
        Assert.Equal(1, (await app.RunAsync("audit", "verify", tenant.Code)).ExitCode);
    }
}
