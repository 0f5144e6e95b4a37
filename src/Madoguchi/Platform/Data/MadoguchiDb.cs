using System.Linq.Expressions;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Data;

/// <summary>
/// The one DbContext of the platform. Modules keep their entity configurations beside their code;
/// they are applied from the assembly. Two subclasses exist only so that each database provider has
/// its own migration set (SQLite and PostgreSQL differ in types and SQL).
/// </summary>
public abstract class MadoguchiDb(DbContextOptions options, TenantContext tenant, AuditActor actor, IEnumerable<ISaveChangesHook>? hooks = null)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The tenant of the current request; null outside a municipality's routes.</summary>
    public Guid? CurrentTenantId => tenant.TenantId;

    internal AuditActor Actor => actor;

    private Dictionary<object, (string Name, string? Address)>? _attributed;

    /// <summary>
    /// Records the change of <paramref name="entity"/> in the audit trail as done by someone other than
    /// this scope's actor: for work that several requests queued and one SaveChanges writes together.
    /// </summary>
    internal void AttributeTo(object entity, string actorName, string? address) =>
        (_attributed ??= new(ReferenceEqualityComparer.Instance))[entity] = (actorName, address);

    internal (string Name, string? Address) ActorOf(object entity) =>
        _attributed is not null && _attributed.TryGetValue(entity, out var who) ? who : (actor.Name, actor.Address);

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Cookie and token keys, shared by every node of the installation.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MadoguchiDb).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
            }
        }
    }

    // e => e.TenantId == this.CurrentTenantId, built per entity type. EF evaluates the
    // DbContext property per query, so one cached model serves every tenant.
    private LambdaExpression TenantFilter(Type entityType)
    {
        var e = Expression.Parameter(entityType, "e");
        var tenantId = Expression.Convert(Expression.Property(e, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), e);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        VersionStamp.Apply(this);
        foreach (var hook in hooks ?? [])
        {
            await hook.BeforeSaveAsync(this, cancellationToken);
        }

        TenantGuard.Apply(this);
        if (!AuditRecorder.HasAuditableChanges(this))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit entry and the change it describes commit together, or not at all.
        if (Database.CurrentTransaction is not null)
        {
            await AuditRecorder.RecordAsync(this, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        using var turn = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        var strategy = Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await Database.BeginTransactionAsync(ct);
            await AuditRecorder.RecordAsync(this, ct);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            await transaction.CommitAsync(ct);
            return saved;
        }, cancellationToken);
    }
}
