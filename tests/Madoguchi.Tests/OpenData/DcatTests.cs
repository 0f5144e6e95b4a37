using System.Net;
using System.Net.Http.Headers;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Dcat;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Tests.OpenData.OpenDataScenario;

namespace Madoguchi.Tests.OpenData;

/// <summary>The catalogue as DCAT-AP 2.1.1 over real HTTP: Turtle and JSON-LD, content negotiation, paging, and the SHACL shapes of the release.</summary>
public sealed class DcatTests(DcatTests.App app) : IClassFixture<DcatTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App() => OnKestrel();
    }

    private sealed record Published(string Code, string[] Names, Guid Dataset, byte[] Csv);

    /// <summary>Two published datasets the way a publisher makes them, one with every optional field, a link resource and an awkward link address; one unpublished.</summary>
    private async Task<Published> PublishAsync()
    {
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var (tenant, _, _, publisher) = await app.PublisherAsync(browser: browser);
        var code = tenant.Code;
        var dataset = await publisher.CreateDatasetAsync(code, "evacuation-spaces", "指定緊急避難場所一覧", "evacuation_space");
        var csv = ShiftJis.GetBytes(string.Join("\r\n", EvacuationHeader,
            EvacuationRow(code, "001", "中央公民館", "チュウオウコウミンカン", "38.2682", "140.8693"),
            EvacuationRow(code, "002", "南小学校", "ミナミショウガッコウ", "38.25", "140.86")) + "\r\n");
        await publisher.UploadAsync(code, dataset, $"{code}_evacuation_space.csv", csv);
        await app.IngestedAsync(dataset);
        await app.DbAsync(async db =>
        {
            await db.Set<Dataset>().IgnoreQueryFilters().Where(d => d.Id == dataset).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.SpatialCoverage, "テスト市全域").SetProperty(d => d.TemporalTo, new DateOnly(2027, 3, 31))
                .SetProperty(d => d.ContactPhone, "022-123-4567").SetProperty(d => d.UpdateFrequency, UpdateFrequency.Monthly));
            var tenantId = await db.Set<Dataset>().IgnoreQueryFilters().Where(d => d.Id == dataset).Select(d => d.TenantId).SingleAsync();
            db.Add(new DatasetResource { TenantId = tenantId, DatasetId = dataset, Name = "防災マップ（外部サイト）", Format = ResourceFormat.Link, LinkUrl = "https://example.jp/防災 map?a=<b>", SortOrder = 5 });
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Redirect, (await publisher.SubmitAsync($"/{code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]")).StatusCode);

        var nursery = await publisher.CreateDatasetAsync(code, "nursery", "保育所一覧", tags: "子育て、保育", description: "");
        await publisher.UploadAsync(code, nursery, "nursery.csv", System.Text.Encoding.UTF8.GetBytes("名称\nひかり保育園\n"), newName: "保育所");
        await app.IngestedAsync(nursery);
        await publisher.SubmitAsync($"/{code}/staff/opendata/{nursery}", new Dictionary<string, string>(), "form[action*=Publish]");

        await publisher.CreateDatasetAsync(code, "draft-only", "下書きのデータ");
        return new Published(code, ["evacuation-spaces", "nursery"], dataset, csv);
    }

    private HttpClient Client() => new() { BaseAddress = app.BaseAddress };

    private static async Task<string> BodyAsync(HttpResponseMessage response, string contentType)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        return body;
    }

    private static Term Dcat(string local) => Term.Iri(Ns.Dcat + local);

    [Fact]
    public async Task The_catalogue_and_every_dataset_have_zero_violations_of_the_DCAT_AP_shapes_in_both_formats()
    {
        var p = await PublishAsync();
        var api = Client();
        async Task<HttpResponseMessage> AcceptAsync(string url, string accept)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(accept);
            return await api.SendAsync(request);
        }

        // Each address in both formats: the same graph, and no violation of the shapes. (The catalogue's
        // .ttl and .jsonld name their own page in hydra:, so its two formats are compared on one address.)
        var urls = new List<string> { $"/{p.Code}/opendata/catalog.ttl", $"/{p.Code}/opendata/catalog.jsonld" };
        urls.AddRange(p.Names.SelectMany(n => new[] { $"/{p.Code}/opendata/{n}.ttl", $"/{p.Code}/opendata/{n}.jsonld" }));
        urls.AddRange(p.Names.Select(n => $"/{p.Code}/opendata/{n}").Prepend($"/{p.Code}/opendata"));
        foreach (var url in urls)
        {
            var graph = url.EndsWith(".ttl", StringComparison.Ordinal) ? TurtleReader.Read(await BodyAsync(await api.GetAsync(url), "text/turtle"))
                : url.EndsWith(".jsonld", StringComparison.Ordinal) ? JsonLdReader.Read(await BodyAsync(await api.GetAsync(url), "application/ld+json"))
                : TurtleReader.Read(await BodyAsync(await AcceptAsync(url, "text/turtle"), "text/turtle"));
            var violations = ShaclValidator.DcatAp.Validate(graph);
            Assert.True(violations.Count == 0, url + ":\n" + string.Join('\n', violations));
            Assert.NotEmpty(graph.Triples);
            if (url.EndsWith(".ttl", StringComparison.Ordinal) && !url.Contains("/catalog.", StringComparison.Ordinal))
            {
                var jsonLd = JsonLdReader.Read(await api.GetStringAsync(url.Replace(".ttl", ".jsonld", StringComparison.Ordinal)));
                Assert.True(graph.SameAs(jsonLd), url + ": the Turtle and the JSON-LD differ");
            }
            else if (!url.Contains('.', StringComparison.Ordinal))
            {
                var jsonLd = JsonLdReader.Read(await BodyAsync(await AcceptAsync(url, "application/ld+json"), "application/ld+json"));
                Assert.True(graph.SameAs(jsonLd), url + ": the Turtle and the JSON-LD differ");
            }
        }

        var catalogue = TurtleReader.Read(await api.GetStringAsync($"/{p.Code}/opendata/catalog.ttl"));
        var catalogIri = Term.Iri($"{app.BaseAddress.ToString().TrimEnd('/')}/{p.Code}/opendata/catalog");
        Assert.Contains(new Triple(catalogIri, Term.Iri(Ns.Type), Dcat("Catalog")), catalogue.Triples);
        var datasets = catalogue.Objects(catalogIri, Ns.Dcat + "dataset").ToList();
        Assert.Equal(2, datasets.Count);
        Assert.DoesNotContain(datasets, d => d.Value.EndsWith("/draft-only", StringComparison.Ordinal));
        Assert.All(datasets, d => Assert.Contains(new Triple(d, Term.Iri(Ns.Type), Dcat("Dataset")), catalogue.Triples));

        // The full dataset: Japanese keywords and title, typed dates, publisher, contact, coverage, standard, distributions.
        var evacuation = datasets.Single(d => d.Value.EndsWith("/evacuation-spaces", StringComparison.Ordinal));
        Assert.Contains(Term.Ja("避難"), catalogue.Objects(evacuation, Ns.Dcat + "keyword"));
        Assert.Equal(Term.Ja("指定緊急避難場所一覧"), catalogue.Object(evacuation, Ns.Dct + "title"));
        Assert.Equal(Ns.Xsd + "dateTime", catalogue.Object(evacuation, Ns.Dct + "issued")!.Datatype);
        var publisher = catalogue.Object(evacuation, Ns.Dct + "publisher")!;
        Assert.Equal(Term.Ja("危機管理課"), catalogue.Object(publisher, Ns.Foaf + "name"));
        var contact = catalogue.Object(evacuation, Ns.Dcat + "contactPoint")!;
        Assert.Equal(Term.Iri("mailto:kiki@example.jp"), catalogue.Object(contact, Ns.Vcard + "hasEmail"));
        Assert.Equal(Term.Iri("tel:022-123-4567"), catalogue.Object(contact, Ns.Vcard + "hasTelephone"));
        var period = catalogue.Object(evacuation, Ns.Dct + "temporal")!;
        Assert.Equal(Term.Typed("2026-04-01", Ns.Xsd + "date"), catalogue.Object(period, Ns.Dcat + "startDate"));
        Assert.Equal(Term.Typed("2027-03-31", Ns.Xsd + "date"), catalogue.Object(period, Ns.Dcat + "endDate"));
        Assert.Equal(Term.Ja("テスト市全域"), catalogue.Object(catalogue.Object(evacuation, Ns.Dct + "spatial")!, Ns.Skos + "prefLabel"));
        Assert.Equal(Term.Iri("http://publications.europa.eu/resource/authority/frequency/MONTHLY"), catalogue.Object(evacuation, Ns.Dct + "accrualPeriodicity"));
        Assert.EndsWith("#evacuation_space", catalogue.Object(evacuation, Ns.Dct + "conformsTo")!.Value, StringComparison.Ordinal);

        var distributions = catalogue.Objects(evacuation, Ns.Dcat + "distribution").ToList();
        Assert.Equal(2, distributions.Count);
        var file = distributions.Single(d => catalogue.Object(d, Ns.Dcat + "downloadURL") is not null);
        Assert.Equal(Term.Iri("https://www.iana.org/assignments/media-types/text/csv"), catalogue.Object(file, Ns.Dcat + "mediaType"));
        Assert.Equal(Term.Iri("http://publications.europa.eu/resource/authority/file-type/CSV"), catalogue.Object(file, Ns.Dct + "format"));
        Assert.Equal(Term.Iri("https://creativecommons.org/licenses/by/4.0/"), catalogue.Object(file, Ns.Dct + "license"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(catalogue.Object(file, Ns.Dcat + "downloadURL")!.Value)).StatusCode);
        var link = distributions.Single(d => d != file);
        Assert.Equal("https://example.jp/防災%20map?a=%3Cb%3E", catalogue.Object(link, Ns.Dcat + "accessURL")!.Value);

        // A dataset published without a description is described by its title (dct:description is mandatory).
        var nursery = datasets.Single(d => d.Value.EndsWith("/nursery", StringComparison.Ordinal));
        Assert.Equal(Term.Ja("保育所一覧"), catalogue.Object(nursery, Ns.Dct + "description"));

        // dcat:theme from the EU Data Theme scheme, following the standard dataset (none for a dataset declared as none).
        const string themeScheme = "http://publications.europa.eu/resource/authority/data-theme";
        Assert.Equal([Term.Iri(themeScheme + "/GOVE"), Term.Iri(themeScheme + "/SOCI")], catalogue.Objects(evacuation, Ns.Dcat + "theme").ToList());
        Assert.Contains(new Triple(Term.Iri(themeScheme + "/GOVE"), Term.Iri(Ns.Type), Term.Iri(Ns.Skos + "Concept")), catalogue.Triples);
        Assert.Equal(Term.Iri(themeScheme), catalogue.Object(Term.Iri(themeScheme + "/GOVE"), Ns.Skos + "inScheme"));
        Assert.Equal(Term.Iri(themeScheme), catalogue.Object(catalogIri, Ns.Dcat + "themeTaxonomy"));
        Assert.Empty(catalogue.Objects(nursery, Ns.Dcat + "theme"));

        // spdx:checksum of the file as uploaded: SHA-1, the only algorithm DCAT-AP 2.1.1 allows.
        var checksum = catalogue.Object(file, Ns.Spdx + "checksum")!;
        Assert.Equal(Term.Iri(Ns.Spdx + "checksumAlgorithm_sha1"), catalogue.Object(checksum, Ns.Spdx + "algorithm"));
        Assert.Equal(Term.Typed(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(p.Csv)), Ns.Xsd + "hexBinary"),
            catalogue.Object(checksum, Ns.Spdx + "checksumValue"));
        // The SHA-256 stays where it was (CKAN's hash), also of the uploaded bytes.
        var uploadId = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters()
            .Where(r => r.DatasetId == p.Dataset && r.Format == ResourceFormat.Csv).Select(r => r.PublishedUploadId).SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(p.Csv)),
            await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().Where(u => u.Id == uploadId).Select(u => u.Sha256).SingleAsync()));

        // An upload stored before the SHA-1 was kept has no checksum, and the catalogue still conforms.
        await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().ExecuteUpdateAsync(u => u.SetProperty(x => x.Sha1, (string?)null)));
        var older = TurtleReader.Read(await api.GetStringAsync($"/{p.Code}/opendata/evacuation-spaces.ttl"));
        Assert.Empty(older.Objects(file, Ns.Spdx + "checksum"));
        Assert.Empty(ShaclValidator.DcatAp.Validate(older));
    }

    [Fact]
    public async Task The_catalogue_and_dataset_pages_negotiate_Turtle_JSON_LD_and_HTML_and_the_catalogue_is_paged()
    {
        var p = await PublishAsync();
        var api = Client();
        async Task<HttpResponseMessage> GetAsync(string url, string accept)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(accept);
            return await api.SendAsync(request);
        }

        var turtle = await GetAsync($"/{p.Code}/opendata", "text/turtle");
        Assert.Equal("text/turtle", turtle.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", turtle.Headers.Vary);
        Assert.Empty(ShaclValidator.DcatAp.Validate(TurtleReader.Read(await turtle.Content.ReadAsStringAsync())));
        Assert.Equal("application/ld+json", (await GetAsync($"/{p.Code}/opendata", "application/ld+json")).Content.Headers.ContentType!.MediaType);
        var html = await GetAsync($"/{p.Code}/opendata", "text/html,application/xhtml+xml,*/*;q=0.8");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"<link rel=\"alternate\" type=\"text/turtle\" href=\"/{p.Code}/opendata/catalog.ttl\">", await html.Content.ReadAsStringAsync());
        Assert.Contains($"<link rel=\"alternate\" type=\"application/ld+json\" href=\"/{p.Code}/opendata/nursery.jsonld\">", await api.GetStringAsync($"/{p.Code}/opendata/nursery"));
        Assert.Equal("application/ld+json", (await GetAsync($"/{p.Code}/opendata/nursery", "text/html;q=0.5, application/ld+json")).Content.Headers.ContentType!.MediaType);
        var dataset = await GetAsync($"/{p.Code}/opendata/nursery", "text/turtle");
        Assert.Equal("text/turtle", dataset.Content.Headers.ContentType!.MediaType);
        Assert.True(TurtleReader.Read(await dataset.Content.ReadAsStringAsync()).SameAs(TurtleReader.Read(await api.GetStringAsync($"/{p.Code}/opendata/nursery.ttl"))));
        Assert.Equal("text/html", (await GetAsync($"/{p.Code}/opendata/nursery", "*/*")).Content.Headers.ContentType!.MediaType);

        // Unpublished, unknown and other municipalities' datasets are not there in any format.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/{p.Code}/opendata/draft-only.ttl")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/{p.Code}/opendata/draft-only", "text/turtle")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/{p.Code}/opendata/no-such.jsonld")).StatusCode);
        var other = await app.TenantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/{other.Code}/opendata/nursery.ttl")).StatusCode);
        Assert.DoesNotContain("nursery", await api.GetStringAsync($"/{other.Code}/opendata/catalog.ttl"));

        // Paging as ckanext-dcat: hydra:PagedCollection with totals; page 2 of 2 datasets is empty but well-formed.
        var first = TurtleReader.Read(await api.GetStringAsync($"/{p.Code}/opendata/catalog.ttl"));
        var pageIri = Term.Iri($"{app.BaseAddress.ToString().TrimEnd('/')}/{p.Code}/opendata/catalog.ttl?page=1");
        Assert.Contains(new Triple(pageIri, Term.Iri(Ns.Type), Term.Iri(Ns.Hydra + "PagedCollection")), first.Triples);
        Assert.Equal("2", first.Object(pageIri, Ns.Hydra + "totalItems")!.Value);
        Assert.Null(first.Object(pageIri, Ns.Hydra + "nextPage"));
        var second = TurtleReader.Read(await api.GetStringAsync($"/{p.Code}/opendata/catalog.ttl?page=2"));
        Assert.DoesNotContain(second.Triples, t => t.Predicate.Value == Ns.Dcat + "dataset");
        Assert.Empty(ShaclValidator.DcatAp.Validate(second));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/{p.Code}/opendata/catalog.ttl?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/{p.Code}/opendata/catalog.jsonld?page=abc")).StatusCode);
    }
}
