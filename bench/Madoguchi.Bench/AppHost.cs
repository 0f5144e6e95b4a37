using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Bench;

/// <summary>
/// The real Madoguchi host, served by Kestrel on a loopback port inside the benchmark process, as
/// tests/Madoguchi.Tests/Infrastructure/MadoguchiApp does: the same Program, middleware and pages a
/// resident meets; only logging is turned down so that console output does not weigh on the run.
/// </summary>
internal sealed class AppHost(BenchDatabase database) : WebApplicationFactory<Program>
{
    public Uri Address
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Madoguchi", database.ConnectionString);
        builder.UseSetting("Platform:Demo", "false");
        builder.UseSetting("Platform:DataDirectory", database.DataDirectory);
        // Sign-in of many prepared residents in a few seconds must not meet the guessing limit.
        builder.UseSetting("Platform:SignInAttemptsPerMinute", "1000");
        // Report submissions from one address (the benchmark's) must not meet the flood limit.
        builder.UseSetting("Reports:Open311PostsPerHour", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseUrls("http://127.0.0.1:0");
    }

    public static AppHost Start(BenchDatabase database)
    {
        // WebApplicationFactory looks for the content root beside a solution file it does not know
        // (.slnx); name the app's folder, found upwards from the benchmark's binaries.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Madoguchi", "Madoguchi.csproj")))
        {
            dir = dir.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MADOGUCHI",
            Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from the repository."), "src", "Madoguchi"));
        var host = new AppHost(database);
        host.UseKestrel(0);
        _ = host.Address;
        return host;
    }

    /// <summary>Work inside a municipality's scope: its tenant filter and write guard apply.</summary>
    public async Task<T> InTenantAsync<T>(BenchTenant tenant, Func<IServiceProvider, MadoguchiDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.Name);
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<MadoguchiDb>());
    }

    /// <summary>A municipality with the given departments (the first is 市民課).</summary>
    public async Task<BenchTenant> CreateTenantAsync(params string[] departments)
    {
        var digits = "04" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var code = digits + MunicipalityCode.CheckDigit(digits);
        var tenant = new Tenant { Code = code, Name = "ベンチ市", NameEn = "Bench City", Prefecture = "宮城県" };
        var rows = departments.Select(d => new Department { TenantId = tenant.Id, Name = d, NameEn = d }).ToList();
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            db.Tenants.Add(tenant);
            db.Departments.AddRange(rows);
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<TenantDirectory>().Invalidate();
        }

        return new BenchTenant(tenant.Id, code, tenant.Name, rows.Select(r => r.Id).ToList());
    }
}

internal sealed record BenchTenant(Guid Id, string Code, string Name, IReadOnlyList<Guid> Departments);
