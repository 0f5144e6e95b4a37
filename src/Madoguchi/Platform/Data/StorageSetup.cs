using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Data;

internal static class StorageSetup
{
    /// <summary>
    /// SQLite under the data directory unless <c>ConnectionStrings:Madoguchi</c> names a PostgreSQL
    /// server (anything that is not a <c>Data Source=</c> string). The choice is read when the
    /// context is first resolved, not at registration, so hosts and tests can configure late.
    /// </summary>
    public static void AddStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => StorageInfo.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        // The options are built once (singleton), not for every request's context: building them
        // (and finding EF's internal service provider for them) was a visible part of every request.
        services.AddDbContext<SqliteMadoguchiDb>((sp, o) => o
            .UseSqlite(sp.GetRequiredService<StorageInfo>().ConnectionString, s => s.MigrationsHistoryTable("__migrations"))
            .AddInterceptors(new SqlitePragmas()), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<PostgresMadoguchiDb>((sp, o) => o
            .UseNpgsql(sp.GetRequiredService<StorageInfo>().ConnectionString, s => s.MigrationsHistoryTable("__migrations")), optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<MadoguchiDb>(sp => sp.GetRequiredService<StorageInfo>().Provider == DatabaseProvider.Sqlite
            ? sp.GetRequiredService<SqliteMadoguchiDb>()
            : sp.GetRequiredService<PostgresMadoguchiDb>());
    }
}

public sealed record StorageInfo(DatabaseProvider Provider, string ConnectionString)
{
    public static StorageInfo From(IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("Madoguchi");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDir = DataDirectory.Resolve(configuration, environment);
            return new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDir, "madoguchi.db")}");
        }

        return connectionString.TrimStart().StartsWith("Data Source", StringComparison.OrdinalIgnoreCase)
            ? new(DatabaseProvider.Sqlite, connectionString)
            : new(DatabaseProvider.Postgres, connectionString);
    }
}
