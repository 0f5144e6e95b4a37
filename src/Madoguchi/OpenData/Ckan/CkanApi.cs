using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Public;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Ckan;

/// <summary>
/// CKAN Action API v3 (read side) at /{code}/api/3/action/{action}, so existing CKAN clients and
/// harvesters (BODIK, data.go.jp) read the catalogue as they read any CKAN: package_list,
/// package_show, package_search, resource_show, organization_list, organization_show, tag_list,
/// status_show and datastore_search, with CKAN's envelope and error shapes.
/// </summary>
public static class CkanApi
{
    public const int MaxRows = 1000;

    public static void MapCkanApi(this WebApplication app)
    {
        app.MapMethods("/{tenant:municipality}/api/3/action/{action}", [HttpMethods.Get, HttpMethods.Post], DispatchAsync).DisableAntiforgery();
        app.MapCkanUploads();
    }

    private static async Task<IResult> DispatchAsync(string action, HttpContext http, MadoguchiDb db, CkanDictionaries dictionaries,
        CatalogueSearch search, TableQuery tables, CancellationToken ct)
    {
        var (args, error) = await CkanArgs.ReadAsync(http.Request, ct);
        if (args is null)
        {
            return CkanResults.BadRequest(http, action, error!);
        }

        return action switch
        {
            "status_show" => CkanResults.Ok(http, action, new Dictionary<string, object?>
            {
                ["ckan_version"] = "2.10.0", ["site_title"] = http.RequestServices.GetRequiredService<Platform.Tenancy.TenantContext>().Name,
                ["site_url"] = CkanDictionaries.BaseUrl(http), ["site_description"] = "Madoguchi open data", ["locale_default"] = "ja",
                ["extensions"] = new[] { "datastore" },
            }),
            "package_list" => await PackageListAsync(http, action, args, db, ct),
            "package_show" => await PackageShowAsync(http, action, args, db, dictionaries, ct),
            "package_search" => await PackageSearch.RunAsync(http, action, args, search, dictionaries, ct),
            "resource_show" => await ResourceShowAsync(http, action, args, db, ct),
            "organization_list" => await OrganizationListAsync(http, action, args, dictionaries, ct),
            "organization_show" => await OrganizationShowAsync(http, action, args, dictionaries, ct),
            "tag_list" => CkanResults.Ok(http, action, await db.Set<DatasetTag>()
                .Where(t => db.Set<Dataset>().Any(d => d.Id == t.DatasetId && d.PublishedAt != null)).Select(t => t.Name).Distinct().OrderBy(t => t).ToListAsync(ct)),
            "datastore_search" => await DatastoreSearch.RunAsync(http, action, args, tables, ct),
            _ when CkanWrite.Actions.Contains(action) => await CkanWrite.RunAsync(http, action, args, ct),
            // Not echoed: the name came from the request and is nobody's data.
            _ => CkanResults.BadRequest(http, "help_show", "Bad request - Action name not known"),
        };
    }

    private static async Task<IResult> PackageListAsync(HttpContext http, string action, CkanArgs args, MadoguchiDb db, CancellationToken ct)
    {
        if (args.Int("limit", int.MaxValue, 0, int.MaxValue) is not { } limit || args.Int("offset", 0, 0, int.MaxValue) is not { } offset)
        {
            return CkanResults.Validation(http, action, "limit", "Must be a natural number");
        }

        var names = await db.Set<Dataset>().Where(d => d.PublishedAt != null).OrderBy(d => d.Name).Skip(offset).Take(limit).Select(d => d.Name).ToListAsync(ct);
        return CkanResults.Ok(http, action, names);
    }

    /// <summary>A published dataset by id or name.</summary>
    internal static async Task<Guid?> FindPackageAsync(MadoguchiDb db, string? idOrName, CancellationToken ct)
    {
        if (idOrName is null)
        {
            return null;
        }

        var id = Guid.TryParse(idOrName, out var g) ? g : Guid.Empty;
        return await db.Set<Dataset>().Where(d => d.PublishedAt != null && (d.Id == id || d.Name == idOrName)).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
    }

    private static async Task<IResult> PackageShowAsync(HttpContext http, string action, CkanArgs args, MadoguchiDb db, CkanDictionaries dictionaries, CancellationToken ct)
    {
        if (args["id"] is null)
        {
            return CkanResults.Validation(http, action, "id", "Missing value");
        }

        return await FindPackageAsync(db, args["id"], ct) is { } id
            ? CkanResults.Ok(http, action, (await dictionaries.PackagesAsync(http, [id], ct))[0])
            : CkanResults.NotFound(http, action);
    }

    private static async Task<IResult> ResourceShowAsync(HttpContext http, string action, CkanArgs args, MadoguchiDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(args["id"], out var id))
        {
            return args["id"] is null ? CkanResults.Validation(http, action, "id", "Missing value") : CkanResults.NotFound(http, action);
        }

        var resource = await db.Set<DatasetResource>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && (r.Format == ResourceFormat.Link || r.PublishedUploadId != null), ct);
        var dataset = resource is null ? null : await db.Set<Dataset>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == resource.DatasetId && d.PublishedAt != null, ct);
        if (dataset is null)
        {
            return CkanResults.NotFound(http, action);
        }

        var upload = await db.Set<ResourceUpload>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == resource!.PublishedUploadId, ct);
        var position = await db.Set<DatasetResource>().CountAsync(r => r.DatasetId == dataset.Id && r.SortOrder < resource!.SortOrder, ct);
        return CkanResults.Ok(http, action, CkanDictionaries.Resource(http, dataset, resource!, upload, position));
    }

    private static async Task<IResult> OrganizationListAsync(HttpContext http, string action, CkanArgs args, CkanDictionaries dictionaries, CancellationToken ct)
    {
        var organisations = (await dictionaries.OrganisationsAsync(ct)).Values.ToList();
        var allFields = args["all_fields"] is "true" or "True" or "1";
        return CkanResults.Ok(http, action, allFields ? organisations : organisations.Select(o => o["name"]).ToList());
    }

    private static async Task<IResult> OrganizationShowAsync(HttpContext http, string action, CkanArgs args, CkanDictionaries dictionaries, CancellationToken ct)
    {
        var organisations = await dictionaries.OrganisationsAsync(ct);
        var found = organisations.Values.FirstOrDefault(o => Equals(o["id"], args["id"]) || Equals(o["title"], args["id"]));
        return found is null ? CkanResults.NotFound(http, action) : CkanResults.Ok(http, action, found);
    }
}
