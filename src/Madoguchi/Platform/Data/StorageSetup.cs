using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Data;

internal static class StorageSetup
{
    /// <summary>
    /// SQLite under ./data unless <c>ConnectionStrings:Madoguchi</c> names a PostgreSQL server
    /// (anything that is not a <c>Data Source=</c> string).
    /// </summary>
    public static DatabaseProvider AddStorage(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Madoguchi");
        var provider = string.IsNullOrWhiteSpace(connectionString)
            || connectionString.TrimStart().StartsWith("Data Source", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Sqlite
            : DatabaseProvider.Postgres;

        if (provider == DatabaseProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var dataDir = DataDirectory.Resolve(builder.Configuration, builder.Environment);
                connectionString = $"Data Source={Path.Combine(dataDir, "madoguchi.db")}";
            }

            builder.Services.AddDbContext<MadoguchiDb, SqliteMadoguchiDb>(o => o
                .UseSqlite(connectionString, s => s.MigrationsHistoryTable("__migrations"))
                .AddInterceptors(new SqlitePragmas()));
        }
        else
        {
            builder.Services.AddDbContext<MadoguchiDb, PostgresMadoguchiDb>(o => o
                .UseNpgsql(connectionString, s => s.MigrationsHistoryTable("__migrations")));
        }

        builder.Services.AddSingleton(new StorageInfo(provider));
        return provider;
    }
}

public sealed record StorageInfo(DatabaseProvider Provider);
