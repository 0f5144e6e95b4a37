using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Platform;

/// <summary>Each provider's migration set must describe the current model: a forgotten migration fails here.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_are_up_to_date_with_the_model()
    {
        using var db = new SqliteMadoguchiDbDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqliteMadoguchiDb.");
    }

    [Fact]
    public void Postgres_migrations_are_up_to_date_with_the_model()
    {
        using var db = new PostgresMadoguchiDbDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for PostgresMadoguchiDb.");
    }
}
