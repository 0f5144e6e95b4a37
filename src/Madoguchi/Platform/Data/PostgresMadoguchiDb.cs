using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Madoguchi.Platform.Data;

/// <summary>The PostgreSQL flavour: its own migration set under Migrations/Postgres.</summary>
public sealed class PostgresMadoguchiDb(DbContextOptions<PostgresMadoguchiDb> options, TenantContext tenant, AuditActor actor, IEnumerable<ISaveChangesHook>? hooks = null)
    : MadoguchiDb(options, tenant, actor, hooks);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresMadoguchiDbDesignFactory : IDesignTimeDbContextFactory<PostgresMadoguchiDb>
{
    public PostgresMadoguchiDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMadoguchiDb>().UseNpgsql("Host=localhost;Database=design").Options,
            new TenantContext(), AuditActor.System("design"));
}
