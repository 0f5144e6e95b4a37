using System.Globalization;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ckan;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Dcat;

/// <summary>
/// The municipality's published catalogue as DCAT-AP 2.1.1: a dcat:Catalog listing a page of its
/// datasets (hydra:PagedCollection, as CKAN's ckanext-dcat pages), each dataset with its
/// distributions, publisher (the department, a foaf:Agent), contact point (vcard), licence,
/// coverage and dates. Only what residents may see: published datasets, published files.
/// </summary>
public sealed class DcatCatalogue(MadoguchiDb db, TenantContext tenant)
{
    public const int PageSize = 100;

    public static string CatalogueIri(string baseUrl) => baseUrl + "/opendata/catalog";

    public static string DatasetIri(string baseUrl, string name) => baseUrl + "/opendata/" + name;

    /// <summary>A published dataset by its URL name, with the catalogue it belongs to; null when there is none.</summary>
    public async Task<Graph?> DatasetAsync(string baseUrl, string name, CancellationToken ct)
    {
        var id = await db.Set<Dataset>().Where(d => d.Name == name && d.PublishedAt != null).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(ct);
        if (id is null)
        {
            return null;
        }

        var graph = new Graph();
        await AddDatasetsAsync(graph, baseUrl, [id.Value], ct);
        return graph;
    }

    /// <summary>One page (1-based) of the catalogue, newest publication first; a page past the end lists no datasets.</summary>
    public async Task<Graph> CatalogueAsync(string baseUrl, int page, string pageUrl, CancellationToken ct)
    {
        var published = db.Set<Dataset>().Where(d => d.PublishedAt != null);
        var total = await published.CountAsync(ct);
        var modified = await published.MaxAsync(d => d.LastPublishedAt, ct);
        var ids = await published.OrderByDescending(d => d.LastPublishedAt).ThenBy(d => d.Id).Skip((page - 1) * PageSize).Take(PageSize).Select(d => d.Id).ToListAsync(ct);

        var graph = new Graph();
        var catalogue = Term.Iri(CatalogueIri(baseUrl));
        graph.Add(catalogue, Ns.Type, Term.Iri(Ns.Dcat + "Catalog"));
        graph.Add(catalogue, Ns.Dct + "title", Term.Ja($"{tenant.Name} オープンデータカタログ"));
        graph.Add(catalogue, Ns.Dct + "description", Term.Ja($"{tenant.Name}の各課が公開するオープンデータの一覧です。"));
        var publisher = Term.Iri(CatalogueIri(baseUrl) + "#publisher");
        graph.Add(catalogue, Ns.Dct + "publisher", publisher);
        graph.Add(publisher, Ns.Type, Term.Iri(Ns.Foaf + "Agent"));
        graph.Add(publisher, Ns.Foaf + "name", Term.Ja(tenant.Name ?? ""));
        var homepage = Term.Iri(baseUrl + "/opendata");
        graph.Add(catalogue, Ns.Foaf + "homepage", homepage);
        graph.Add(homepage, Ns.Type, Term.Iri(Ns.Foaf + "Document"));
        var japanese = Term.Iri(DcatVocabulary.Japanese);
        graph.Add(catalogue, Ns.Dct + "language", japanese);
        graph.Add(japanese, Ns.Type, Term.Iri(Ns.Dct + "LinguisticSystem"));
        if (modified is { } last)
        {
            graph.Add(catalogue, Ns.Dct + "modified", DcatVocabulary.DateTime(last));
        }

        // The datasets' dcat:theme values come from the EU Data Theme scheme; the catalogue names it.
        var themes = Term.Iri(DataThemes.Scheme);
        graph.Add(catalogue, Ns.Dcat + "themeTaxonomy", themes);
        AddThemeScheme(graph);

        // The datasets are written in full after the catalogue, as ckanext-dcat does, so one page is enough to harvest them.
        foreach (var name in await AddDatasetsAsync(graph, baseUrl, ids, ct))
        {
            graph.Add(catalogue, Ns.Dcat + "dataset", Term.Iri(DatasetIri(baseUrl, name)));
        }

        AddPaging(graph, pageUrl, page, total);
        return graph;
    }

    /// <summary>hydra:PagedCollection as ckanext-dcat writes it: the page's address with totals and the first, last, previous and next pages.</summary>
    private static void AddPaging(Graph graph, string pageUrl, int page, int total)
    {
        var last = Math.Max(1, (total + PageSize - 1) / PageSize);
        string At(int n) => pageUrl + "?page=" + n.ToString(CultureInfo.InvariantCulture);
        var collection = Term.Iri(At(page));
        graph.Add(collection, Ns.Type, Term.Iri(Ns.Hydra + "PagedCollection"));
        graph.Add(collection, Ns.Hydra + "totalItems", Term.Typed(total.ToString(CultureInfo.InvariantCulture), Ns.Xsd + "integer"));
        graph.Add(collection, Ns.Hydra + "itemsPerPage", Term.Typed(PageSize.ToString(CultureInfo.InvariantCulture), Ns.Xsd + "integer"));
        graph.Add(collection, Ns.Hydra + "firstPage", Term.Text(At(1)));
        graph.Add(collection, Ns.Hydra + "lastPage", Term.Text(At(last)));
        if (page > 1)
        {
            graph.Add(collection, Ns.Hydra + "previousPage", Term.Text(At(Math.Min(page - 1, last))));
        }

        if (page < last)
        {
            graph.Add(collection, Ns.Hydra + "nextPage", Term.Text(At(page + 1)));
        }
    }

    private async Task<List<string>> AddDatasetsAsync(Graph graph, string baseUrl, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var datasets = await db.Set<Dataset>().AsNoTracking().Include(d => d.Tags).Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        var resources = await db.Set<DatasetResource>().AsNoTracking().Where(r => ids.Contains(r.DatasetId) && (r.Format == ResourceFormat.Link || r.PublishedUploadId != null))
            .OrderBy(r => r.SortOrder).ToListAsync(ct);
        var uploadIds = resources.Select(r => r.PublishedUploadId).OfType<Guid>().ToList();
        var uploads = await db.Set<ResourceUpload>().AsNoTracking().Where(u => uploadIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var byId = datasets.ToDictionary(d => d.Id);
        var names = new List<string>();
        foreach (var id in ids.Where(byId.ContainsKey))
        {
            var d = byId[id];
            names.Add(d.Name);
            AddDataset(graph, baseUrl, d, departments.GetValueOrDefault(d.DepartmentId, ""),
                resources.Where(r => r.DatasetId == id).Select(r => (r, r.PublishedUploadId is { } u ? uploads.GetValueOrDefault(u) : null)).ToList());
        }

        return names;
    }

    private static void AddDataset(Graph graph, string baseUrl, Dataset d, string department, List<(DatasetResource Resource, ResourceUpload? Upload)> files)
    {
        var dataset = Term.Iri(DatasetIri(baseUrl, d.Name));
        graph.Add(dataset, Ns.Type, Term.Iri(Ns.Dcat + "Dataset"));
        graph.Add(dataset, Ns.Dct + "identifier", Term.Text(d.Id.ToString()));
        graph.Add(dataset, Ns.Dct + "title", Term.Ja(d.Title));
        // dct:description is mandatory; a dataset published without one is described by its title.
        graph.Add(dataset, Ns.Dct + "description", Term.Ja(string.IsNullOrWhiteSpace(d.Description) ? d.Title : d.Description));
        foreach (var tag in d.Tags.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            graph.Add(dataset, Ns.Dcat + "keyword", Term.Ja(tag.Name));
        }

        var publisher = Term.Iri(CatalogueIri(baseUrl) + "#organization-" + d.DepartmentId);
        graph.Add(dataset, Ns.Dct + "publisher", publisher);
        graph.Add(publisher, Ns.Type, Term.Iri(Ns.Foaf + "Agent"));
        graph.Add(publisher, Ns.Foaf + "name", Term.Ja(department));

        AddContact(graph, dataset, d, department);
        var japanese = Term.Iri(DcatVocabulary.Japanese);
        graph.Add(dataset, Ns.Dct + "language", japanese);
        graph.Add(japanese, Ns.Type, Term.Iri(Ns.Dct + "LinguisticSystem"));
        var frequency = Term.Iri(DcatVocabulary.FrequencyOf(d.UpdateFrequency));
        graph.Add(dataset, Ns.Dct + "accrualPeriodicity", frequency);
        graph.Add(frequency, Ns.Type, Term.Iri(Ns.Dct + "Frequency"));
        if (d.PublishedAt is { } issued)
        {
            graph.Add(dataset, Ns.Dct + "issued", DcatVocabulary.DateTime(issued));
        }

        graph.Add(dataset, Ns.Dct + "modified", DcatVocabulary.DateTime(d.LastPublishedAt ?? d.UpdatedAt));
        if (!string.IsNullOrWhiteSpace(d.SpatialCoverage))
        {
            var place = Term.Iri(DatasetIri(baseUrl, d.Name) + "#spatial");
            graph.Add(dataset, Ns.Dct + "spatial", place);
            graph.Add(place, Ns.Type, Term.Iri(Ns.Dct + "Location"));
            graph.Add(place, Ns.Skos + "prefLabel", Term.Ja(d.SpatialCoverage));
        }

        if (d.TemporalFrom is not null || d.TemporalTo is not null)
        {
            var period = Term.Iri(DatasetIri(baseUrl, d.Name) + "#temporal");
            graph.Add(dataset, Ns.Dct + "temporal", period);
            graph.Add(period, Ns.Type, Term.Iri(Ns.Dct + "PeriodOfTime"));
            if (d.TemporalFrom is { } from)
            {
                graph.Add(period, Ns.Dcat + "startDate", DcatVocabulary.Date(from));
            }

            if (d.TemporalTo is { } to)
            {
                graph.Add(period, Ns.Dcat + "endDate", DcatVocabulary.Date(to));
            }
        }

        if (StandardDatasets.Find(d.StandardCode) is { } standard)
        {
            var conforms = Term.Iri(DcatVocabulary.StandardsPage + "#" + standard.Code);
            graph.Add(dataset, Ns.Dct + "conformsTo", conforms);
            graph.Add(conforms, Ns.Type, Term.Iri(Ns.Dct + "Standard"));
            graph.Add(conforms, Ns.Dct + "title", Term.Ja("自治体標準オープンデータセット " + standard.Name));
        }

        foreach (var code in DataThemes.Of(d.StandardCode))
        {
            var theme = Term.Iri(DataThemes.Iri(code));
            graph.Add(dataset, Ns.Dcat + "theme", theme);
            // DCAT-AP's shapes ask dcat:theme to be a skos:Concept (with a label) in a scheme.
            graph.Add(theme, Ns.Type, Term.Iri(Ns.Skos + "Concept"));
            graph.Add(theme, Ns.Skos + "prefLabel", Term.En(DataThemes.Label(code)));
            graph.Add(theme, Ns.Skos + "inScheme", Term.Iri(DataThemes.Scheme));
            AddThemeScheme(graph);
        }

        foreach (var (resource, upload) in files)
        {
            AddDistribution(graph, baseUrl, d, dataset, resource, upload);
        }
    }

    private static void AddThemeScheme(Graph graph)
    {
        var scheme = Term.Iri(DataThemes.Scheme);
        graph.Add(scheme, Ns.Type, Term.Iri(Ns.Skos + "ConceptScheme"));
        graph.Add(scheme, Ns.Dct + "title", Term.En("Data theme"));
    }

    private static void AddContact(Graph graph, Term dataset, Dataset d, string department)
    {
        var contact = Term.Iri(dataset.Value + "#contact");
        graph.Add(dataset, Ns.Dcat + "contactPoint", contact);
        graph.Add(contact, Ns.Type, Term.Iri(Ns.Vcard + "Kind"));
        graph.Add(contact, Ns.Type, Term.Iri(Ns.Vcard + "Organization"));
        graph.Add(contact, Ns.Vcard + "fn", Term.Ja(string.IsNullOrWhiteSpace(d.ContactName) ? department : d.ContactName));
        if (!string.IsNullOrWhiteSpace(d.ContactEmail))
        {
            graph.Add(contact, Ns.Vcard + "hasEmail", Term.Iri("mailto:" + d.ContactEmail.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(d.ContactPhone))
        {
            var digits = new string(d.ContactPhone.Where(c => char.IsAsciiDigit(c) || c is '-' or '+').ToArray());
            if (digits.Length > 0)
            {
                graph.Add(contact, Ns.Vcard + "hasTelephone", Term.Iri("tel:" + digits));
            }
        }
    }

    private static void AddDistribution(Graph graph, string baseUrl, Dataset d, Term dataset, DatasetResource r, ResourceUpload? u)
    {
        var distribution = Term.Iri($"{DatasetIri(baseUrl, d.Name)}/resources/{r.Id}");
        graph.Add(dataset, Ns.Dcat + "distribution", distribution);
        graph.Add(distribution, Ns.Type, Term.Iri(Ns.Dcat + "Distribution"));
        graph.Add(distribution, Ns.Dct + "identifier", Term.Text(r.Id.ToString()));
        graph.Add(distribution, Ns.Dct + "title", Term.Ja(r.Name));
        if (!string.IsNullOrWhiteSpace(r.Description))
        {
            graph.Add(distribution, Ns.Dct + "description", Term.Ja(r.Description));
        }

        var licence = Term.Iri(DcatVocabulary.LicenceOf(d.Licence));
        graph.Add(distribution, Ns.Dct + "license", licence);
        graph.Add(licence, Ns.Type, Term.Iri(Ns.Dct + "LicenseDocument"));
        graph.Add(licence, Ns.Dct + "title", Term.Ja(Vocabulary.Name(d.Licence)));
        graph.Add(distribution, Ns.Dct + "issued", DcatVocabulary.DateTime(r.CreatedAt));

        if (r.Format == ResourceFormat.Link)
        {
            graph.Add(distribution, Ns.Dcat + "accessURL", Term.Iri(TurtleWriter.SafeIri(r.LinkUrl ?? DatasetIri(baseUrl, d.Name))));
            return;
        }

        var download = Term.Iri($"{DatasetIri(baseUrl, d.Name)}/resources/{r.Id}/download");
        graph.Add(distribution, Ns.Dcat + "accessURL", download);
        graph.Add(distribution, Ns.Dcat + "downloadURL", download);
        if (DcatVocabulary.MediaTypeOf(r.Format) is { } mediaType)
        {
            graph.Add(distribution, Ns.Dcat + "mediaType", Term.Iri(mediaType));
            graph.Add(Term.Iri(mediaType), Ns.Type, Term.Iri(Ns.Dct + "MediaType"));
        }

        if (DcatVocabulary.FileTypeOf(r.Format) is { } fileType)
        {
            graph.Add(distribution, Ns.Dct + "format", Term.Iri(fileType));
            graph.Add(Term.Iri(fileType), Ns.Type, Term.Iri(Ns.Dct + "MediaTypeOrExtent"));
        }

        if (u is not null)
        {
            graph.Add(distribution, Ns.Dcat + "byteSize", Term.Typed(u.Size.ToString(CultureInfo.InvariantCulture), Ns.Xsd + "decimal"));
            if (u.Sha1 is { } sha1)
            {
                // DCAT-AP 2.1.1 allows SHA-1 only (its shape has sh:hasValue spdx:checksumAlgorithm_sha1);
                // the SHA-256 stays in CKAN's hash and the download's ETag.
                var checksum = Term.Iri(distribution.Value + "#checksum");
                graph.Add(distribution, Ns.Spdx + "checksum", checksum);
                graph.Add(checksum, Ns.Type, Term.Iri(Ns.Spdx + "Checksum"));
                graph.Add(checksum, Ns.Spdx + "algorithm", Term.Iri(Ns.Spdx + "checksumAlgorithm_sha1"));
                graph.Add(checksum, Ns.Spdx + "checksumValue", Term.Typed(sha1, Ns.Xsd + "hexBinary"));
            }

            if (u.CompletedAt is { } done)
            {
                graph.Add(distribution, Ns.Dct + "modified", DcatVocabulary.DateTime(done));
            }
        }
    }
}
