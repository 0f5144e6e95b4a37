using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// The one search over published datasets, used by the catalogue page and CKAN's package_search:
/// every term must occur in the normalised search text; facets filter by department, tag, format,
/// licence and standard dataset, and are counted over the matching datasets. It runs over the
/// tenant's in-memory <see cref="CatalogueIndex"/> (current as of this request's version-stamp read),
/// with the semantics the SQL had: ordinal substring match (instr/strpos), ordinal ordering (SQLite's
/// BINARY and PostgreSQL's C collation), ties broken by id.
/// </summary>
public sealed class CatalogueSearch(MadoguchiDb db, CatalogueIndex index)
{
    // One snapshot per request (this service is scoped): the stamp is read once, and the page,
    // the facets and the organisations' counts of one answer agree with each other.
    private CatalogueIndex.Snapshot? current;

    private async Task<CatalogueIndex.Snapshot> SnapshotAsync(CancellationToken ct)
    {
        if (current is not null)
        {
            return current;
        }

        var snapshot = await index.CurrentAsync(db, ct);
        // Inside a transaction the snapshot may hold rows that are rolled back: not kept.
        if (db.Database.CurrentTransaction is null)
        {
            current = snapshot;
        }

        return snapshot;
    }

    public sealed record Criteria(string? Query, Guid? Organisation, string? Tag, ResourceFormat? Format, Licence? Licence, string? Standard);

    public sealed record Facet(string Key, string Name, int Count);

    public sealed record Facets(IReadOnlyList<Facet> Organisations, IReadOnlyList<Facet> Tags, IReadOnlyList<Facet> Formats, IReadOnlyList<Facet> Licences, IReadOnlyList<Facet> Standards);

    public enum Order
    {
        ModifiedDesc,
        ModifiedAsc,
        TitleAsc,
        TitleDesc,
        NameAsc,
        NameDesc,
    }

    /// <summary>The matching datasets in the requested order (all of them: callers page with Skip/Take and facet over the whole list).</summary>
    public async Task<IReadOnlyList<CatalogueIndex.Entry>> FindAsync(Criteria c, Order order, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        var terms = SearchText.Terms(c.Query);
        var matching = snapshot.Datasets.Where(d =>
            terms.All(t => d.Dataset.SearchText.Contains(t, StringComparison.Ordinal))
            && (c.Organisation is not { } organisation || d.Dataset.DepartmentId == organisation)
            && (c.Tag is not { Length: > 0 } tag || d.Tags.Contains(tag, StringComparer.Ordinal))
            && (c.Format is not { } format || d.Formats.Contains(format))
            && (c.Licence is not { } licence || d.Dataset.Licence == licence)
            && (c.Standard is not { Length: > 0 } standard || string.Equals(d.Dataset.StandardCode, standard, StringComparison.Ordinal)))
            .ToList();
        Comparison<CatalogueIndex.Entry>? comparison = order switch
        {
            Order.ModifiedAsc => CatalogueIndex.OldestFirst,
            Order.TitleAsc => (a, b) => Then(string.CompareOrdinal(a.Dataset.Title, b.Dataset.Title), a, b),
            Order.TitleDesc => (a, b) => Then(string.CompareOrdinal(b.Dataset.Title, a.Dataset.Title), a, b),
            Order.NameAsc => (a, b) => string.CompareOrdinal(a.Dataset.Name, b.Dataset.Name),
            Order.NameDesc => (a, b) => string.CompareOrdinal(b.Dataset.Name, a.Dataset.Name),
            _ => null, // the snapshot is already newest first
        };
        if (comparison is not null)
        {
            matching.Sort(comparison);
        }

        return matching;
    }

    private static int Then(int first, CatalogueIndex.Entry a, CatalogueIndex.Entry b) => first != 0 ? first : string.CompareOrdinal(a.IdKey, b.IdKey);

    /// <summary>The published datasets of these ids that the snapshot holds, by id (read-only: shared by every request).</summary>
    public async Task<Dictionary<Guid, Dataset>> PublishedAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        return ids.Select(snapshot.Find).OfType<CatalogueIndex.Entry>().DistinctBy(e => e.Id).ToDictionary(e => e.Id, e => e.Dataset);
    }

    /// <summary>The departments (CKAN's organisations) and their published datasets (package_count), from the same snapshot.</summary>
    public async Task<(IReadOnlyList<Department> Departments, Dictionary<Guid, int> Counts)> OrganisationsAsync(CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        return (snapshot.Departments, snapshot.Datasets.CountBy(d => d.Dataset.DepartmentId).ToDictionary(p => p.Key, p => p.Value));
    }

    public async Task<Facets> FacetsAsync(IReadOnlyList<CatalogueIndex.Entry> matching, CancellationToken ct)
    {
        var names = (await SnapshotAsync(ct)).Departments.ToDictionary(d => d.Id, d => d.Name);
        return new Facets(
            matching.CountBy(d => d.Dataset.DepartmentId).Select(o => new Facet(o.Key.ToString(), names.GetValueOrDefault(o.Key, ""), o.Value))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Name).ToList(),
            matching.SelectMany(d => d.Tags).CountBy(t => t, StringComparer.Ordinal)
                .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(30).Select(t => new Facet(t.Key, t.Key, t.Value)).ToList(),
            matching.SelectMany(d => d.Formats).CountBy(f => f)
                .OrderByDescending(f => f.Value).ThenBy(f => f.Key.ToString(), StringComparer.Ordinal).Select(f => new Facet(f.Key.ToString(), Vocabulary.Label(f.Key), f.Value)).ToList(),
            matching.CountBy(d => d.Dataset.Licence).OrderBy(l => l.Key.ToString(), StringComparer.Ordinal)
                .Select(x => new Facet(x.Key.ToString(), Vocabulary.Name(x.Key), x.Value)).ToList(),
            matching.Where(d => d.Dataset.StandardCode != null).CountBy(d => d.Dataset.StandardCode!, StringComparer.Ordinal).OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new Facet(s.Key, Standards.StandardDatasets.Find(s.Key)?.Name ?? s.Key, s.Value)).ToList());
    }
}
