using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Data;

/// <summary>
/// The app-managed concurrency token: every update of a row with an int <c>Version</c> bumps it,
/// and EF checks the original value in the UPDATE's WHERE, so the second of two staff editing the
/// same record gets a concurrency conflict instead of silently overwriting the first.
/// </summary>
internal static class VersionStamp
{
    public static void Apply(MadoguchiDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Metadata.FindProperty("Version");
            if (version is not null && version.ClrType == typeof(int) && version.IsConcurrencyToken)
            {
                var property = entry.Property("Version");
                property.CurrentValue = (int)property.OriginalValue! + 1;
            }
        }
    }
}
