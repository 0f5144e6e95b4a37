using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Data;

/// <summary>
/// Stamps new tenant-owned rows with the current tenant and refuses to write a row of another
/// tenant. The query filter already hides such rows; this is the second lock on the same door.
/// </summary>
internal static class TenantGuard
{
    public static void Apply(MadoguchiDb db)
    {
        var current = db.CurrentTenantId;
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty && current is { } id)
            {
                entry.Entity.TenantId = id;
            }

            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && current is { } tenant && entry.Entity.TenantId != tenant)
            {
                throw new InvalidOperationException(
                    $"A {entry.Metadata.ClrType.Name} of another tenant was about to be written.");
            }

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} has no tenant.");
            }
        }
    }
}
