using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Protection;

/// <summary>
/// <c>keys rotate</c>: every municipality gets a new data key generation (new data is encrypted
/// with it; what the old ones encrypted stays readable, each ciphertext names its key), and every
/// data key is wrapped again under the master key on the first line of the key file, so that
/// older master keys can then be removed from it (docs/operations.md).
/// </summary>
internal static class KeyRotation
{
    public static async Task<int> RotateAsync(IServiceProvider services)
    {
        services.GetRequiredService<AuditActor>().ActAsSystem("keys");
        var db = services.GetRequiredService<MadoguchiDb>();
        var masterKeys = services.GetRequiredService<MasterKeys>();
        var tenants = await db.Tenants.Select(t => t.Id).ToListAsync();
        var rewrapped = 0;
        foreach (var tenant in tenants)
        {
            var keys = await db.Set<TenantDataKey>().IgnoreQueryFilters().Where(k => k.TenantId == tenant).ToListAsync();
            foreach (var key in keys.Where(k => k.MasterKeyId != masterKeys.Current.Id))
            {
                TenantKeyRing.Rewrap(key, masterKeys);
                rewrapped++;
            }

            await db.SaveChangesAsync();
            await TenantKeyRing.AddGenerationAsync(db, masterKeys, tenant, keys.Select(k => k.Generation).DefaultIfEmpty(0).Max() + 1, CancellationToken.None);
        }

        Console.WriteLine($"{tenants.Count} 団体のデータ鍵を更新し、{rewrapped} 個の鍵をマスター鍵 {masterKeys.Current.Id} で包み直しました。");
        Console.WriteLine("稼働中のノードは5分以内に新しいデータ鍵を使い始めます。");
        return 0;
    }
}
