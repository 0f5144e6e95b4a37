using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Platform.Demo;

/// <summary>
/// The five municipalities of the seed plans with departments their plans name, and the first
/// staff logins. Passwords are generated on first start and kept in data/first-login.txt (owner
/// read only) so that ./run can show them again; nothing is a fixed default.
/// </summary>
internal sealed class DemoData(
    MadoguchiDb db, UserManager<StaffUser> users, AuditActor actor, IOptions<PlatformOptions> options, IServiceScopeFactory scopes,
    IConfiguration configuration, IHostEnvironment environment, ILogger<DemoData> log)
{
    public sealed record Municipality(string Code, string Name, string NameEn, string Prefecture, (string Ja, string En)[] Departments);

    public static readonly Municipality[] Municipalities =
    [
        new("042030", "塩竈市", "Shiogama City", "宮城県",
            [("政策課", "Policy Division"), ("市民課", "Citizen Services Division"), ("子育て支援課", "Child-rearing Support Division"),
             ("長寿社会課", "Longevity Society Division"), ("危機管理課", "Crisis Management Division"), ("土木課", "Civil Engineering Division")]),
        new("042153", "大崎市", "Osaki City", "宮城県",
            [("市政情報課", "Municipal Information Division"), ("市民課", "Citizen Services Division"), ("子育て支援課", "Child-rearing Support Division"),
             ("高齢介護課", "Elderly Care Division"), ("防災安全課", "Disaster Prevention Division"), ("道路課", "Roads Division")]),
        new("042137", "栗原市", "Kurihara City", "宮城県",
            [("市政情報課デジタル行政推進室", "Digital Administration Office"), ("市民課", "Citizen Services Division"), ("子育て支援課", "Child-rearing Support Division"),
             ("介護福祉課", "Care and Welfare Division"), ("危機対策課", "Crisis Response Division")]),
        new("042021", "石巻市", "Ishinomaki City", "宮城県",
            [("総合推進課", "General Promotion Division"), ("行政経営課", "Administrative Management Division"), ("市民課", "Citizen Services Division"),
             ("保育課", "Childcare Division"), ("介護保険課", "Long-term Care Insurance Division"), ("健康推進課", "Health Promotion Division"),
             ("資産税課", "Property Tax Division"), ("障害福祉課", "Disability Welfare Division"), ("復興政策課", "Reconstruction Policy Division")]),
        new("222232", "御前崎市", "Omaezaki City", "静岡県",
            [("デジタル推進室", "Digital Promotion Office"), ("財政課", "Finance Division"), ("市民課", "Citizen Services Division"),
             ("こども未来課", "Children's Future Division"), ("高齢者支援課", "Elderly Support Division"), ("危機管理課", "Crisis Management Division")]),
    ];

    private static readonly (string Code, string Department, string Email)[] OpenDataPublishers =
    [
        ("042030", "危機管理課", "opendata@shiogama.example.jp"),
        ("042153", "防災安全課", "opendata@osaki.example.jp"),
        ("042137", "危機対策課", "opendata@kurihara.example.jp"),
        ("042021", "総合推進課", "opendata@ishinomaki.example.jp"),
        ("222232", "危機管理課", "opendata@omaezaki.example.jp"),
    ];

    public async Task EnsureAsync()
    {
        if (!options.Value.Demo)
        {
            return;
        }

        actor.ActAsSystem("demo-data");
        await EnsureMunicipalitiesAsync();
        await EnsureFirstLoginsAsync();
        await EnsureModuleContentAsync();
    }

    /// <summary>Each module's demo rows, written in a scope of that municipality (tenant filter and guard apply).</summary>
    private async Task EnsureModuleContentAsync()
    {
        var tenants = await db.Tenants.Where(t => Municipalities.Select(m => m.Code).Contains(t.Code))
            .Select(t => new { t.Id, t.Code, t.Name, t.NameEn }).ToListAsync();
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.NameEn);
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAsSystem("demo-data");
            foreach (var content in scope.ServiceProvider.GetServices<IDemoContent>())
            {
                await content.EnsureAsync(tenant.Id);
            }
        }
    }

    private async Task EnsureMunicipalitiesAsync()
    {
        var existing = await db.Tenants.Select(t => t.Code).ToListAsync();
        foreach (var m in Municipalities.Where(m => !existing.Contains(m.Code)))
        {
            var tenant = new Tenant { Code = m.Code, Name = m.Name, NameEn = m.NameEn, Prefecture = m.Prefecture };
            db.Tenants.Add(tenant);
            var order = 0;
            foreach (var (ja, en) in m.Departments)
            {
                db.Departments.Add(new Department { TenantId = tenant.Id, Name = ja, NameEn = en, SortOrder = order++ });
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task EnsureFirstLoginsAsync()
    {
        var file = Path.Combine(DataDirectory.Resolve(configuration, environment), "first-login.txt");
        if (await users.Users.AnyAsync())
        {
            return;
        }

        var shiogama = await db.Tenants.SingleAsync(t => t.Code == "042030");
        var shimin = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.TenantId == shiogama.Id && d.Name == "市民課");
        var lines = new List<string>();

        var admin = new StaffUser { UserName = "admin@madoguchi.example.jp", Email = "admin@madoguchi.example.jp", EmailConfirmed = true, DisplayName = "プラットフォーム管理者", IsPlatformAdmin = true };
        lines.Add(await CreateAsync(admin, "プラットフォーム管理者（初回ログイン時に二要素認証を設定）"));

        var tenantAdmin = new StaffUser { UserName = "kanri@shiogama.example.jp", Email = "kanri@shiogama.example.jp", EmailConfirmed = true, DisplayName = "塩竈 管理者", TenantId = shiogama.Id };
        lines.Add(await CreateAsync(tenantAdmin, "塩竈市 管理者（初回ログイン時に二要素認証を設定）"));
        db.Set<StaffRole>().Add(new StaffRole { TenantId = shiogama.Id, StaffUserId = tenantAdmin.Id, Role = StaffRoleKind.TenantAdmin });

        var reviewer = new StaffUser { UserName = "shimin@shiogama.example.jp", Email = "shimin@shiogama.example.jp", EmailConfirmed = true, DisplayName = "塩竈 市民課職員", TenantId = shiogama.Id };
        lines.Add(await CreateAsync(reviewer, "塩竈市 市民課 審査担当"));
        db.Set<StaffRole>().Add(new StaffRole { TenantId = shiogama.Id, StaffUserId = reviewer.Id, DepartmentId = shimin.Id, Role = StaffRoleKind.Reviewer });

        // 石巻市 健康推進課 receives the demo's 妊娠の届出: one member who reviews and decides.
        var ishinomaki = await db.Tenants.SingleAsync(t => t.Code == "042021");
        var kenko = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.TenantId == ishinomaki.Id && d.Name == "健康推進課");
        var health = new StaffUser { UserName = "kenko@ishinomaki.example.jp", Email = "kenko@ishinomaki.example.jp", EmailConfirmed = true, DisplayName = "石巻 健康推進課職員", TenantId = ishinomaki.Id };
        lines.Add(await CreateAsync(health, "石巻市 健康推進課 審査・決定担当"));
        db.Set<StaffRole>().AddRange(
            new StaffRole { TenantId = ishinomaki.Id, StaffUserId = health.Id, DepartmentId = kenko.Id, Role = StaffRoleKind.Reviewer },
            new StaffRole { TenantId = ishinomaki.Id, StaffUserId = health.Id, DepartmentId = kenko.Id, Role = StaffRoleKind.Approver });

        // 大崎市 道路課 answers the demo's road reports (路面損傷 in Osaki's plan).
        var osaki = await db.Tenants.SingleAsync(t => t.Code == "042153");
        var doro = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.TenantId == osaki.Id && d.Name == "道路課");
        var roads = new StaffUser { UserName = "doro@osaki.example.jp", Email = "doro@osaki.example.jp", EmailConfirmed = true, DisplayName = "大崎 道路課職員", TenantId = osaki.Id };
        lines.Add(await CreateAsync(roads, "大崎市 道路課 報告の対応担当"));
        db.Set<StaffRole>().Add(new StaffRole { TenantId = osaki.Id, StaffUserId = roads.Id, DepartmentId = doro.Id, Role = StaffRoleKind.Reviewer });

        // One open data publisher per municipality, in the department that keeps the evacuation
        // sites (石巻市 has none by that name; its plan has 総合推進課 gather the data).
        foreach (var (code, department, mailbox) in OpenDataPublishers)
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Code == code);
            var owner = await db.Departments.IgnoreQueryFilters().SingleAsync(d => d.TenantId == tenant.Id && d.Name == department);
            var publisher = new StaffUser { UserName = mailbox, Email = mailbox, EmailConfirmed = true, DisplayName = $"{tenant.Name} {department}職員", TenantId = tenant.Id };
            lines.Add(await CreateAsync(publisher, $"{tenant.Name} {department} オープンデータ公開担当"));
            db.Set<StaffRole>().Add(new StaffRole { TenantId = tenant.Id, StaffUserId = publisher.Id, DepartmentId = owner.Id, Role = StaffRoleKind.Publisher });
        }

        await db.SaveChangesAsync();

        await File.WriteAllLinesAsync(file, lines);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        log.LogInformation("First staff logins written to {File}", file);
    }

    private async Task<string> CreateAsync(StaffUser user, string label)
    {
        var password = GeneratedPassword.New();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo staff could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return $"{label}: {user.Email} / {password}";
    }
}
