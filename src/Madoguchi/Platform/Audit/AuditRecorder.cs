using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Madoguchi.Platform.Audit;

/// <summary>
/// Turns the tracked changes of one SaveChanges into hash-chained <see cref="AuditEntry"/> rows,
/// inside the same transaction as the change.
/// </summary>
internal static class AuditRecorder
{
    // Secrets are recorded as changed, never with their value.
    private static readonly HashSet<string> MaskedProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Value", "SecretCipher", "Xml", "WrappedKey"];

    public static bool HasAuditableChanges(MadoguchiDb db) => AuditableEntries(db).Any();

    private static IEnumerable<EntityEntry> AuditableEntries(MadoguchiDb db) =>
        db.ChangeTracker.Entries().Where(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not AuditEntry and not AuditHead
            && !Attribute.IsDefined(e.Metadata.ClrType, typeof(NotAuditedAttribute)));

    public static async Task RecordAsync(MadoguchiDb db, CancellationToken ct)
    {
        var now = TruncateToMilliseconds(DateTime.UtcNow);
        var changes = AuditableEntries(db)
            .Select(e => (Chain: ChainOf(e), Entry: Describe(e), Who: db.ActorOf(e.Entity)))
            .ToList();

        foreach (var chain in changes.GroupBy(c => c.Chain).OrderBy(g => g.Key))
        {
            await LockChainAsync(db, chain.Key, ct);
            // The head holds the chain's last sequence and hash, written in the same transaction as
            // that entry, so one key lookup replaces a search of the entries; read after the lock
            // and without tracking, so a head this context wrote earlier is not taken for current.
            var head = await db.Set<AuditHead>().AsNoTracking()
                .Where(h => h.ChainId == chain.Key)
                .Select(h => new { h.Sequence, h.Hash })
                .FirstOrDefaultAsync(ct);
            // No head: a new chain, or one whose head was removed (the verifier reports that); go on
            // from its last entry, as before heads existed.
            var last = head ?? await db.AuditEntries.AsNoTracking()
                .Where(a => a.ChainId == chain.Key)
                .OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash })
                .FirstOrDefaultAsync(ct);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? AuditHash.Genesis;

            foreach (var (_, change, who) in chain)
            {
                var entry = new AuditEntry
                {
                    ChainId = chain.Key,
                    Sequence = ++sequence,
                    At = now,
                    Actor = who.Name,
                    Address = who.Address,
                    Action = change.Action,
                    EntityType = change.EntityType,
                    EntityId = change.EntityId,
                    Changes = change.Changes,
                    PreviousHash = previous,
                    Hash = "",
                };
                entry.Hash = AuditHash.Compute(entry);
                previous = entry.Hash;
                db.AuditEntries.Add(entry);
            }

            var tracked = db.Set<AuditHead>().Local.FirstOrDefault(h => h.ChainId == chain.Key);
            if (tracked is not null)
            {
                (tracked.Sequence, tracked.Hash) = (sequence, previous);
            }
            else if (head is null)
            {
                db.Add(new AuditHead { ChainId = chain.Key, Sequence = sequence, Hash = previous });
            }
            else
            {
                db.Update(new AuditHead { ChainId = chain.Key, Sequence = sequence, Hash = previous });
            }
        }
    }

    private static Guid ChainOf(EntityEntry e) => e.Entity switch
    {
        ITenantOwned owned => owned.TenantId,
        StaffUser staff => staff.TenantId ?? Guid.Empty,
        _ => Guid.Empty,
    };

    private sealed record Change(string Action, string EntityType, string EntityId, string Changes);

    private static Change Describe(EntityEntry e)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in e.Properties)
        {
            var name = p.Metadata.Name;
            var masked = MaskedProperties.Contains(name);
            // Personal data marked on the entity: recorded masked, so the trail shows that it was
            // written without becoming a second copy of it.
            var personal = AuditMaskedAttribute.Of(p.Metadata.PropertyInfo);
            switch (e.State)
            {
                case EntityState.Added:
                    values[name] = masked ? "***" : personal is not null ? personal.Apply(p.CurrentValue) : p.CurrentValue;
                    break;
                case EntityState.Deleted:
                    values[name] = masked ? "***" : personal is not null ? personal.Apply(p.OriginalValue) : p.OriginalValue;
                    break;
                case EntityState.Modified when p.IsModified && !Equals(p.OriginalValue, p.CurrentValue):
                    values[name] = masked ? new[] { "***", "***" }
                        : personal is not null ? new[] { personal.Apply(p.OriginalValue), personal.Apply(p.CurrentValue) }
                        : new[] { p.OriginalValue, p.CurrentValue };
                    break;
            }
        }

        var key = e.Metadata.FindPrimaryKey()!.Properties
            .Select(p => Convert.ToString(e.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture));
        return new Change(
            e.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
            TypeName(e),
            string.Join(",", key),
            JsonSerializer.Serialize(values));
    }

    private static string TypeName(EntityEntry e) => e.Entity switch
    {
        IdentityUserToken<Guid> => "StaffToken",
        IdentityUserLogin<Guid> => "StaffLogin",
        IdentityUserClaim<Guid> => "StaffClaim",
        _ => e.Metadata.ClrType.Name,
    };

    private static async Task LockChainAsync(MadoguchiDb db, Guid chain, CancellationToken ct)
    {
        // SQLite transactions begin IMMEDIATE (one writer at a time), which already serialises the
        // chain. PostgreSQL needs a lock per chain so two nodes never number two entries alike.
        if (db.Database.IsNpgsql())
        {
            var key = BitConverter.ToInt64(chain.ToByteArray(), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
    }

    private static DateTime TruncateToMilliseconds(DateTime t) =>
        new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}

/// <summary>Marks an entity whose rows are themselves a log (nothing to audit about them).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;

internal static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditEntry e)
    {
        var text = string.Join('\n',
            e.ChainId.ToString("D"),
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            e.Actor,
            e.Address ?? "",
            e.Action,
            e.EntityType,
            e.EntityId,
            e.Changes,
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
