using System.Collections.Concurrent;
using System.Security.Cryptography;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Protection;

/// <summary>
/// Each municipality's data keys, unwrapped on first use and kept in memory. A municipality's first
/// key is made on first need. Keys are read and made in a scope of their own, so that making one
/// never saves the caller's unsaved changes.
/// </summary>
public sealed class TenantKeyRing(IServiceScopeFactory scopes, MasterKeys masterKeys, TimeProvider time)
{
    public sealed record DataKey(Guid Id, Guid TenantId, byte[] Bytes);

    private const int TagSize = 16;
    private const int NonceSize = 12;

    /// <summary>How long a node keeps using the newest key it knows before looking for a newer one (after rotation on another node).</summary>
    private static readonly TimeSpan CurrentLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, DataKey> _byId = new();
    private readonly ConcurrentDictionary<Guid, (DataKey Key, DateTime Until)> _current = new();

    public async Task<DataKey> CurrentAsync(Guid tenantId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_current.TryGetValue(tenantId, out var known) && known.Until > now)
        {
            return known.Key;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            var newest = await db.Set<TenantDataKey>().IgnoreQueryFilters().AsNoTracking()
                .Where(k => k.TenantId == tenantId).OrderByDescending(k => k.Generation).FirstOrDefaultAsync(ct);
            if (newest is not null)
            {
                var key = Unwrapped(newest);
                _current[tenantId] = (key, now + CurrentLifetime);
                return key;
            }

            try
            {
                scope.ServiceProvider.GetRequiredService<AuditActor>().ActAsSystem("keys");
                await AddGenerationAsync(db, tenantId, 1, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request or node made the first key at the same moment; read theirs.
            }
        }
    }

    public async Task<DataKey> FindAsync(Guid tenantId, Guid keyId, CancellationToken ct)
    {
        if (_byId.TryGetValue(keyId, out var known))
        {
            return known.TenantId == tenantId ? known : throw new CryptographicException("The data key belongs to another municipality.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<MadoguchiDb>().Set<TenantDataKey>().IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(k => k.Id == keyId && k.TenantId == tenantId, ct)
            ?? throw new CryptographicException($"Data key {keyId} of the municipality is not in the database.");
        return Unwrapped(row);
    }

    /// <summary>Adds the next generation of a municipality's key (rotation); new data is encrypted with it.</summary>
    public static async Task<TenantDataKey> AddGenerationAsync(MadoguchiDb db, MasterKeys masterKeys, Guid tenantId, int generation, CancellationToken ct)
    {
        var row = new TenantDataKey { TenantId = tenantId, Generation = generation, MasterKeyId = "", WrappedKey = [] };
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            Wrap(row, key, masterKeys.Current);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        db.Add(row);
        await db.SaveChangesAsync(ct);
        return row;
    }

    private Task AddGenerationAsync(MadoguchiDb db, Guid tenantId, int generation, CancellationToken ct) =>
        AddGenerationAsync(db, masterKeys, tenantId, generation, ct);

    /// <summary>Wraps the data key under the master key again (after the master key was rotated).</summary>
    public static void Rewrap(TenantDataKey row, MasterKeys masterKeys)
    {
        var key = Unwrap(row, masterKeys);
        try
        {
            Wrap(row, key, masterKeys.Current);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Forgets cached keys, so the next use reads the database again.</summary>
    public void Forget() => _current.Clear();

    private DataKey Unwrapped(TenantDataKey row) =>
        _byId.GetOrAdd(row.Id, _ => new DataKey(row.Id, row.TenantId, Unwrap(row, masterKeys)));

    private static void Wrap(TenantDataKey row, byte[] key, MasterKeys.Key master)
    {
        var wrapped = new byte[NonceSize + TagSize + key.Length];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(master.Bytes, TagSize);
        aes.Encrypt(nonce, key, wrapped.AsSpan(NonceSize + TagSize), wrapped.AsSpan(NonceSize, TagSize), Context(row));
        row.MasterKeyId = master.Id;
        row.WrappedKey = wrapped;
    }

    private static byte[] Unwrap(TenantDataKey row, MasterKeys masterKeys)
    {
        var master = masterKeys.Find(row.MasterKeyId)
            ?? throw new CryptographicException($"Master key {row.MasterKeyId} is not in the master key file {masterKeys.Path}.");
        var wrapped = row.WrappedKey.AsSpan();
        var key = new byte[wrapped.Length - NonceSize - TagSize];
        using var aes = new AesGcm(master.Bytes, TagSize);
        aes.Decrypt(wrapped[..NonceSize], wrapped[(NonceSize + TagSize)..], wrapped.Slice(NonceSize, TagSize), key, Context(row));
        return key;
    }

    /// <summary>A wrapped key opens only as the key of its own row (copying it to another municipality fails).</summary>
    private static byte[] Context(TenantDataKey row) => [.. row.Id.ToByteArray(), .. row.TenantId.ToByteArray()];
}
