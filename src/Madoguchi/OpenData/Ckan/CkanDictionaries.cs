using System.Globalization;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Public;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Ckan;

/// <summary>Datasets, resources and organisations in the shape CKAN's API returns them (package_show, resource_show, organization_show).</summary>
public sealed class CkanDictionaries(MadoguchiDb db, CatalogueSearch search)
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{http.Request.RouteValues["tenant"]}";

    public async Task<List<Dictionary<string, object?>>> PackagesAsync(HttpContext http, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        // Published datasets from the search snapshot; others (a private dataset shown to its publisher after a write) from the database.
        var byId = await search.PublishedAsync(ids, ct);
        var missing = ids.Where(id => !byId.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var d in await db.Set<Dataset>().AsNoTracking().Include(d => d.Tags).Where(d => missing.Contains(d.Id)).ToListAsync(ct))
            {
                byId[d.Id] = d;
            }
        }

        // Resources with their published upload in one round trip (download counts change without the catalogue's stamp, so they are read here).
        var resources = await (
            from r in db.Set<DatasetResource>().AsNoTracking()
            where ids.Contains(r.DatasetId) && (r.Format == ResourceFormat.Link || r.PublishedUploadId != null)
            join u in db.Set<ResourceUpload>().AsNoTracking() on r.PublishedUploadId equals (Guid?)u.Id into published
            from u in published.DefaultIfEmpty()
            orderby r.SortOrder
            select new { Resource = r, Upload = u }).ToListAsync(ct);
        var organisations = await OrganisationsAsync(ct);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var d = byId[id];
            var mine = resources.Where(r => r.Resource.DatasetId == id).Select((r, i) => Resource(http, d, r.Resource, r.Upload, i)).ToList();
            return Package(http, d, organisations.GetValueOrDefault(d.DepartmentId), mine);
        }).ToList();
    }

    private static Dictionary<string, object?> Package(HttpContext http, Dataset d, Dictionary<string, object?>? organisation, List<Dictionary<string, object?>> resources) => new()
    {
        ["id"] = d.Id.ToString(),
        ["name"] = d.Name,
        ["title"] = d.Title,
        ["notes"] = d.Description,
        ["type"] = "dataset",
        ["state"] = "active",
        ["private"] = false,
        ["license_id"] = Vocabulary.Id(d.Licence),
        ["license_title"] = Vocabulary.Name(d.Licence),
        ["license_url"] = Vocabulary.Url(d.Licence),
        ["maintainer"] = d.ContactName,
        ["maintainer_email"] = d.ContactEmail,
        ["author"] = organisation?["title"],
        ["metadata_created"] = Time(d.PublishedAt ?? d.CreatedAt),
        ["metadata_modified"] = Time(d.LastPublishedAt ?? d.UpdatedAt),
        ["url"] = $"{BaseUrl(http)}/opendata/{d.Name}",
        ["owner_org"] = d.DepartmentId.ToString(),
        ["organization"] = organisation,
        ["tags"] = d.Tags.OrderBy(t => t.Name).Select(t => new Dictionary<string, object?> { ["name"] = t.Name, ["display_name"] = t.Name, ["state"] = "active" }).ToList(),
        ["num_tags"] = d.Tags.Count,
        ["resources"] = resources,
        ["num_resources"] = resources.Count,
        ["extras"] = new List<Dictionary<string, object?>>
        {
            new() { ["key"] = "update_frequency", ["value"] = d.UpdateFrequency.ToString().ToLowerInvariant() },
            new() { ["key"] = "spatial_coverage", ["value"] = d.SpatialCoverage },
            new() { ["key"] = "temporal_start", ["value"] = d.TemporalFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "" },
            new() { ["key"] = "temporal_end", ["value"] = d.TemporalTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "" },
            new() { ["key"] = "standard_dataset", ["value"] = StandardDatasets.Find(d.StandardCode)?.Name ?? "" },
            new() { ["key"] = "contact_phone", ["value"] = d.ContactPhone },
        },
    };

    public static Dictionary<string, object?> Resource(HttpContext http, Dataset d, DatasetResource r, ResourceUpload? u, int position) => new()
    {
        ["id"] = r.Id.ToString(),
        ["package_id"] = d.Id.ToString(),
        ["name"] = r.Name,
        ["description"] = r.Description,
        ["format"] = Vocabulary.Label(r.Format),
        ["url"] = r.Format == ResourceFormat.Link ? r.LinkUrl : $"{BaseUrl(http)}/opendata/{d.Name}/resources/{r.Id}/download",
        ["url_type"] = r.Format == ResourceFormat.Link ? null : "upload",
        ["mimetype"] = u?.ContentType,
        ["size"] = u?.Size,
        ["hash"] = u is null ? "" : "sha256:" + u.Sha256,
        ["created"] = Time(r.CreatedAt),
        ["last_modified"] = u?.CompletedAt is { } done ? Time(done) : null,
        ["datastore_active"] = u?.RowCount is not null,
        ["position"] = position,
        ["state"] = "active",
        ["downloads"] = r.Downloads,
    };

    public async Task<Dictionary<Guid, Dictionary<string, object?>>> OrganisationsAsync(CancellationToken ct)
    {
        var (departments, counts) = await search.OrganisationsAsync(ct);
        return departments.ToDictionary(d => d.Id, d => new Dictionary<string, object?>
        {
            ["id"] = d.Id.ToString(),
            ["name"] = d.Id.ToString(),
            ["title"] = d.Name,
            ["display_name"] = d.Name,
            ["description"] = d.NameEn ?? "",
            ["type"] = "organization",
            ["is_organization"] = true,
            ["state"] = "active",
            ["image_url"] = "",
            ["package_count"] = counts.GetValueOrDefault(d.Id),
            ["created"] = null,
        });
    }
}
