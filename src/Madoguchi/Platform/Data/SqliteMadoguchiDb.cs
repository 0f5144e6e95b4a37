using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Madoguchi.Platform.Data;

/// <summary>The SQLite flavour: its own migration set under Migrations/Sqlite.</summary>
public sealed class SqliteMadoguchiDb(DbContextOptions<SqliteMadoguchiDb> options, TenantContext tenant, AuditActor actor, IEnumerable<ISaveChangesHook>? hooks = null)
    : MadoguchiDb(options, tenant, actor, hooks);

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
public sealed class SqliteMadoguchiDbDesignFactory : IDesignTimeDbContextFactory<SqliteMadoguchiDb>
{
    public SqliteMadoguchiDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMadoguchiDb>().UseSqlite("Data Source=design.db").Options,
            new TenantContext(), AuditActor.System("design"));
}
