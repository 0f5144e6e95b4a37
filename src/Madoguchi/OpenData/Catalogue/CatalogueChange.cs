using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.OpenData.Catalogue;

/// <summary>
/// One row per saved change to what the catalogue search sees (datasets, their tags, which
/// resources and formats they have), inserted in the same transaction as the change. The number of
/// a tenant's rows is the catalogue's version stamp (departments count too: they are CKAN's organisations): it only grows, and a change is counted exactly
/// when it is committed, so every server node can tell with one indexed read whether its in-memory
/// search index is still current (<see cref="Public.CatalogueIndex"/>). An insert never conflicts,
/// where a shared counter row would make concurrent publishers retry.
/// </summary>
[NotAudited] // the change itself is audited; this row only says "the catalogue moved".
public sealed class CatalogueChange : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
}

internal sealed class CatalogueChangeConfiguration : IEntityTypeConfiguration<CatalogueChange>
{
    public void Configure(EntityTypeBuilder<CatalogueChange> b)
    {
        b.ToTable("OpenDataCatalogueChanges");
        b.HasIndex(c => c.TenantId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Adds a <see cref="CatalogueChange"/> for each tenant whose datasets, tags, resource list or departments (the organisations) a save changes.</summary>
internal sealed class CatalogueChangeHook : ISaveChangesHook
{
    // What search, sorting and facets read of a resource; downloads, fetch leases and uploads do not move the catalogue.
    private static readonly string[] ResourceSearchFields = [nameof(DatasetResource.Format), nameof(DatasetResource.DatasetId)];

    public Task BeforeSaveAsync(MadoguchiDb db, CancellationToken cancellationToken)
    {
        var tenants = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var moves = entry.Entity switch
            {
                Dataset or DatasetTag or Department => true,
                DatasetResource => entry.State != EntityState.Modified || ResourceSearchFields.Any(f => entry.Property(f).IsModified),
                _ => false,
            };
            if (moves && entry.Entity is ITenantOwned owned && (owned.TenantId != Guid.Empty ? owned.TenantId : db.CurrentTenantId) is { } tenant && tenant != Guid.Empty)
            {
                tenants.Add(tenant);
            }
        }

        foreach (var tenant in tenants)
        {
            db.Add(new CatalogueChange { TenantId = tenant });
        }

        return Task.CompletedTask;
    }
}
