using System.Collections.Concurrent;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// Each tenant's published catalogue held in memory for search: what matching, sorting and facets
/// read of every published dataset (search text, tags, formats, department, licence, standard,
/// dates), rebuilt when the tenant's version stamp (<see cref="CatalogueChange"/> rows, one indexed
/// count per request) has moved. Counting and faceting 10,000 datasets in SQL cost 100–200 ms per
/// request, and reading a page of datasets by id made SQLite walk the tenant's index (it chose
/// TenantId over the primary key: 40–80 ms); a scan of this array costs a few milliseconds, and the
/// page's datasets come from it too. Because the stamp is read from the
/// database, a change saved on another server node is seen by the next search here.
/// </summary>
public sealed class CatalogueIndex
{
    private readonly ConcurrentDictionary<Guid, Snapshot> snapshots = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> gates = new();

    /// <summary>
    /// A published dataset as search sees it: the row with its tags (shared by every request, so
    /// never modified), the formats of its resources, and its id in the databases' sort order.
    /// </summary>
    public sealed record Entry(Dataset Dataset, string IdKey, string[] Tags, ResourceFormat[] Formats)
    {
        public Guid Id => Dataset.Id;
    }

    /// <param name="Stamp">The tenant's change count read before the datasets were.</param>
    /// <param name="Datasets">Newest publication first, then by id: the default order of both searches.</param>
    /// <param name="Departments">The tenant's departments (CKAN's organisations) in their display order.</param>
    public sealed record Snapshot(long Stamp, IReadOnlyList<Entry> Datasets, IReadOnlyList<Department> Departments)
    {
        private readonly Lazy<Dictionary<Guid, Entry>> byId = new(() => Datasets.ToDictionary(d => d.Id));

        public Entry? Find(Guid id) => byId.Value.GetValueOrDefault(id);
    }

    public async Task<Snapshot> CurrentAsync(MadoguchiDb db, CancellationToken ct)
    {
        var tenant = db.CurrentTenantId ?? throw new InvalidOperationException("The catalogue is searched within a municipality.");
        // Read first: a change committed after this read moves the stamp again, so a snapshot that
        // happens to include it is never mistaken for newer than the database.
        var stamp = await db.Set<CatalogueChange>().LongCountAsync(ct);
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a transaction the rows read may yet be rolled back: answer from them, keep nothing.
            return await BuildAsync(db, stamp, ct);
        }

        if (snapshots.TryGetValue(tenant, out var current) && current.Stamp >= stamp)
        {
            return current;
        }

        var gate = gates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (snapshots.TryGetValue(tenant, out current) && current.Stamp >= stamp)
            {
                return current;
            }

            var built = await BuildAsync(db, stamp, ct);
            snapshots[tenant] = built;
            return built;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<Snapshot> BuildAsync(MadoguchiDb db, long stamp, CancellationToken ct)
    {
        var datasets = await db.Set<Dataset>().AsNoTracking().Where(d => d.PublishedAt != null).ToListAsync(ct);
        var tags = (await db.Set<DatasetTag>().AsNoTracking().ToListAsync(ct)).ToLookup(t => t.DatasetId);
        var formats = (await db.Set<DatasetResource>().AsNoTracking().Select(r => new { r.DatasetId, r.Format }).Distinct().ToListAsync(ct))
            .ToLookup(r => r.DatasetId, r => r.Format);
        var entries = new List<Entry>(datasets.Count);
        foreach (var d in datasets)
        {
            d.Tags = tags[d.Id].ToList();
            entries.Add(new Entry(d, Key(d.Id), d.Tags.Select(t => t.Name).ToArray(), formats[d.Id].Distinct().ToArray()));
        }

        entries.Sort(NewestFirst);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Name).ToListAsync(ct);
        return new Snapshot(stamp, entries, departments);
    }

    /// <summary>The order both databases give a Guid column (SQLite: upper-case text; PostgreSQL: uuid bytes), which is the order of its hex digits.</summary>
    private static string Key(Guid id) => id.ToString("N");

    // SQL's ORDER BY LastPublishedAt DESC, Id: a missing date sorts last, as SQLite puts NULL below every value.
    public static int NewestFirst(Entry a, Entry b)
    {
        var byDate = Nullable.Compare(b.Dataset.LastPublishedAt, a.Dataset.LastPublishedAt);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.IdKey, b.IdKey);
    }

    public static int OldestFirst(Entry a, Entry b)
    {
        var byDate = Nullable.Compare(a.Dataset.LastPublishedAt, b.Dataset.LastPublishedAt);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.IdKey, b.IdKey);
    }
}
