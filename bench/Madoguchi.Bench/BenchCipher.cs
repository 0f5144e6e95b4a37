using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Madoguchi.Bench;

/// <summary>
/// The field cipher as the app builds it (a master key file, data keys in the bench database), so
/// that code reading applications pays for opening sealed values the way it does in production.
/// </summary>
internal static class BenchCipher
{
    public static FieldCipher Create(BenchTarget target)
    {
        var dir = Directory.CreateTempSubdirectory("madoguchi-bench-keys-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Platform:DataDirectory"] = dir })
            .Build();
        var environment = new HostingEnvironment { ContentRootPath = dir, EnvironmentName = "Production" };
        var services = new ServiceCollection();
        services.AddScoped<MadoguchiDb>(_ => target.NewTenantDb());
        services.AddScoped(_ => new AuditActor(new HttpContextAccessor()));
        var provider = services.BuildServiceProvider();
        return new FieldCipher(new TenantKeyRing(provider.GetRequiredService<IServiceScopeFactory>(), new MasterKeys(configuration, environment), TimeProvider.System));
    }
}
