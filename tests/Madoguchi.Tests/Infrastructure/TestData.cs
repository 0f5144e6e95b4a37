using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Infrastructure;

/// <summary>Builders for the data a test needs; never rely on demo data or counts.</summary>
public static class TestData
{
    // Generated per run: a test password is not a secret, and must not look like one.
    public static readonly string Password = "pw9-" + Guid.NewGuid().ToString("N");

    public sealed record TenantInfo(Guid Id, string Code, string Name, Guid DepartmentId, string DepartmentName);

    public sealed record StaffInfo(Guid Id, string Email, string Password);

    public static string NewMunicipalityCode()
    {
        var digits = Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return digits + MunicipalityCode.CheckDigit(digits);
    }

    public static async Task<TenantInfo> TenantAsync(this MadoguchiApp app, string? name = null)
    {
        var code = NewMunicipalityCode();
        name ??= "テスト市" + code;
        var tenant = new Tenant { Code = code, Name = name, NameEn = "Test City " + code, Prefecture = "宮城県" };
        var department = new Department { TenantId = tenant.Id, Name = "市民課", NameEn = "Citizen Services" };
        await app.DbAsync(async db =>
        {
            db.Tenants.Add(tenant);
            db.Departments.Add(department);
            await db.SaveChangesAsync();
        });
        await app.ScopeAsync(sp =>
        {
            sp.GetRequiredService<TenantDirectory>().Invalidate();
            return Task.FromResult(0);
        });
        return new TenantInfo(tenant.Id, code, name, department.Id, department.Name);
    }

    public static async Task<StaffInfo> StaffAsync(this MadoguchiApp app, TenantInfo? tenant, params (StaffRoleKind Role, Guid? DepartmentId)[] roles)
    {
        var email = $"staff-{Guid.NewGuid():N}@example.jp";
        return await app.ScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "テスト 職員",
                TenantId = tenant?.Id, IsPlatformAdmin = tenant is null,
            };
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            var db = sp.GetRequiredService<MadoguchiDb>();
            foreach (var (role, dept) in roles)
            {
                db.Set<StaffRole>().Add(new StaffRole { TenantId = tenant!.Id, StaffUserId = user.Id, Role = role, DepartmentId = dept });
            }

            await db.SaveChangesAsync();
            return new StaffInfo(user.Id, email, Password);
        });
    }

    public static Task<int> CountAsync<T>(this MadoguchiApp app) where T : class =>
        app.DbAsync(db => db.Set<T>().IgnoreQueryFilters().CountAsync());
}

/// <summary>Work done as inside a municipality's request: its tenant filter and write guard apply.</summary>
public static class TenantScope
{
    public static Task<T> InTenantAsync<T>(this MadoguchiApp app, TestData.TenantInfo tenant, Func<IServiceProvider, Task<T>> work) =>
        app.ScopeAsync(async sp =>
        {
            sp.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.Name);
            return await work(sp);
        });

    /// <summary>Offers a shipped procedure template in the municipality, handled by a department (default: its first).</summary>
    public static Task<Madoguchi.Procedures.Catalogue.TemplateEnabler.Outcome> OfferAsync(this MadoguchiApp app, TestData.TenantInfo tenant, string templateKey, Guid? department = null) =>
        app.InTenantAsync(tenant, sp => sp.GetRequiredService<Madoguchi.Procedures.Catalogue.TemplateEnabler>().EnableAsync(
            Madoguchi.Procedures.Templates.TemplateLibrary.Embedded.Find(templateKey)!, department ?? tenant.DepartmentId, null, CancellationToken.None));
}
