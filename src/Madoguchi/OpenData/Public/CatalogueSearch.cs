using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// The one search over published datasets, used by the catalogue page and CKAN's package_search:
/// every term must occur in the normalised search text; facets filter by department, tag, format,
/// licence and standard dataset, and are counted over the matching datasets.
/// </summary>
public sealed class CatalogueSearch(MadoguchiDb db)
{
    public sealed record Criteria(string? Query, Guid? Organisation, string? Tag, ResourceFormat? Format, Licence? Licence, string? Standard);

    public sealed record Facet(string Key, string Name, int Count);

    public sealed record Facets(IReadOnlyList<Facet> Organisations, IReadOnlyList<Facet> Tags, IReadOnlyList<Facet> Formats, IReadOnlyList<Facet> Licences, IReadOnlyList<Facet> Standards);

    public IQueryable<Dataset> Matching(Criteria c)
    {
        var query = db.Set<Dataset>().Where(d => d.PublishedAt != null);
        foreach (var term in SearchText.Terms(c.Query))
        {
            query = query.Where(d => d.SearchText.Contains(term));
        }

        if (c.Organisation is { } organisation)
        {
            query = query.Where(d => d.DepartmentId == organisation);
        }

        if (c.Tag is { Length: > 0 } tag)
        {
            query = query.Where(d => d.Tags.Any(t => t.Name == tag));
        }

        if (c.Format is { } format)
        {
            query = query.Where(d => db.Set<DatasetResource>().Any(r => r.DatasetId == d.Id && r.Format == format));
        }

        if (c.Licence is { } licence)
        {
            query = query.Where(d => d.Licence == licence);
        }

        if (c.Standard is { Length: > 0 } standard)
        {
            query = query.Where(d => d.StandardCode == standard);
        }

        return query;
    }

    public async Task<Facets> FacetsAsync(IQueryable<Dataset> matching, CancellationToken ct)
    {
        var ids = matching.Select(d => d.Id);
        var organisations = await matching.GroupBy(d => d.DepartmentId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var names = await db.Departments.Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var tags = await db.Set<DatasetTag>().Where(t => ids.Contains(t.DatasetId)).GroupBy(t => t.Name)
            .Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(30).ToListAsync(ct);
        var formats = await db.Set<DatasetResource>().Where(r => ids.Contains(r.DatasetId)).Select(r => new { r.DatasetId, r.Format }).Distinct()
            .GroupBy(r => r.Format).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var licences = await matching.GroupBy(d => d.Licence).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var standards = await matching.Where(d => d.StandardCode != null).GroupBy(d => d.StandardCode!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new Facets(
            organisations.Select(o => new Facet(o.Key.ToString(), names.GetValueOrDefault(o.Key, ""), o.Count)).OrderByDescending(f => f.Count).ThenBy(f => f.Name).ToList(),
            tags.Select(t => new Facet(t.Key, t.Key, t.Count)).ToList(),
            formats.Select(f => new Facet(f.Key.ToString(), Vocabulary.Label(f.Key), f.Count)).OrderByDescending(f => f.Count).ToList(),
            licences.Select(x => new Facet(x.Key.ToString(), Vocabulary.Name(x.Key), x.Count)).ToList(),
            standards.Select(s => new Facet(s.Key, Standards.StandardDatasets.Find(s.Key)?.Name ?? s.Key, s.Count)).ToList());
    }
}
