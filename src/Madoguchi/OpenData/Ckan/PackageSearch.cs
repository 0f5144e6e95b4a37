using System.Text.Json;
using System.Text.RegularExpressions;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Public;

namespace Madoguchi.OpenData.Ckan;

/// <summary>
/// package_search over the same search as the catalogue page: q (terms, all must occur), fq
/// (organization:, tags:, res_format:, license_id:, standard_dataset:), rows, start, sort
/// (metadata_modified, title_string, name; asc/desc) and facet.field (CKAN's facets and search_facets).
/// </summary>
public static partial class PackageSearch
{
    private static readonly string[] FacetFields = ["organization", "tags", "res_format", "license_id", "standard_dataset"];

    public static async Task<IResult> RunAsync(HttpContext http, string action, CkanArgs args, CatalogueSearch search, CkanDictionaries dictionaries, CancellationToken ct)
    {
        if (args.Int("rows", 10, 0, CkanApi.MaxRows) is not { } rows)
        {
            return CkanResults.Validation(http, action, "rows", $"Must be an integer between 0 and {CkanApi.MaxRows}");
        }

        if (args.Int("start", 0, 0, int.MaxValue) is not { } start)
        {
            return CkanResults.Validation(http, action, "start", "Must be a natural number");
        }

        Guid? organisation = null;
        string? tag = null, standard = null;
        ResourceFormat? format = null;
        Licence? licence = null;
        foreach (Match m in FilterQuery().Matches(args["fq"] ?? ""))
        {
            var value = m.Groups[3].Success ? m.Groups[3].Value : m.Groups[2].Value;
            switch (m.Groups[1].Value)
            {
                case "organization" or "owner_org":
                    organisation = Guid.TryParse(value, out var o) ? o : Guid.Empty;
                    break;
                case "tags":
                    tag = value;
                    break;
                case "res_format":
                    format = Vocabulary.FormatOf(value) ?? (ResourceFormat)(-1);
                    break;
                case "license_id":
                    licence = Vocabulary.LicenceOf(value) ?? (Licence)(-1);
                    break;
                case "standard_dataset":
                    standard = value;
                    break;
                default:
                    return CkanResults.Validation(http, action, "fq", $"Unsupported filter field: {m.Groups[1].Value}");
            }
        }

        CatalogueSearch.Order? order = (args["sort"] ?? "metadata_modified desc").Trim().ToLowerInvariant() switch
        {
            "metadata_modified asc" => CatalogueSearch.Order.ModifiedAsc,
            "title_string asc" or "title asc" => CatalogueSearch.Order.TitleAsc,
            "title_string desc" or "title desc" => CatalogueSearch.Order.TitleDesc,
            "name asc" => CatalogueSearch.Order.NameAsc,
            "name desc" => CatalogueSearch.Order.NameDesc,
            "metadata_modified desc" or "score desc, metadata_modified desc" or "relevance asc, metadata_modified desc" => CatalogueSearch.Order.ModifiedDesc,
            _ => null,
        };
        if (order is not { } sort)
        {
            return CkanResults.Validation(http, action, "sort", "Supported: metadata_modified, title_string, name with asc or desc");
        }

        var matching = await search.FindAsync(new CatalogueSearch.Criteria(args["q"] is "*:*" ? null : args["q"], organisation, tag, format, licence, standard), sort, ct);
        var count = matching.Count;
        var ids = matching.Skip(start).Take(rows).Select(d => d.Id).ToList();
        var requested = FacetsRequested(args["facet.field"]);
        var facets = new Dictionary<string, object?>();
        var searchFacets = new Dictionary<string, object?>();
        if (requested.Count > 0)
        {
            var found = await search.FacetsAsync(matching, ct);
            foreach (var field in requested)
            {
                var items = field switch
                {
                    "organization" => found.Organisations,
                    "tags" => found.Tags,
                    "res_format" => found.Formats.Select(f => f with { Key = f.Name }).ToList(),
                    "license_id" => found.Licences.Select(f => f with { Key = Vocabulary.Id(Enum.Parse<Licence>(f.Key)) }).ToList(),
                    _ => found.Standards,
                };
                facets[field] = items.ToDictionary(i => i.Key, i => i.Count);
                searchFacets[field] = new Dictionary<string, object?>
                {
                    ["title"] = field,
                    ["items"] = items.Select(i => new Dictionary<string, object?> { ["name"] = i.Key, ["display_name"] = i.Name, ["count"] = i.Count }).ToList(),
                };
            }
        }

        return CkanResults.Ok(http, action, new Dictionary<string, object?>
        {
            ["count"] = count,
            ["sort"] = args["sort"] ?? "metadata_modified desc",
            ["results"] = await dictionaries.PackagesAsync(http, ids, ct),
            ["facets"] = facets,
            ["search_facets"] = searchFacets,
        });
    }

    private static List<string> FacetsRequested(string? json)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            return (JsonSerializer.Deserialize<string[]>(json) ?? []).Where(FacetFields.Contains).Distinct().ToList();
        }
        catch (JsonException)
        {
            return json.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(FacetFields.Contains).Distinct().ToList();
        }
    }

    // field:value or field:"value with spaces", as Solr filter queries are written.
    [GeneratedRegex(@"\+?([a-z_]+):(?:""([^""]*)""|(\S+))")]
    private static partial Regex FilterQuery();
}
