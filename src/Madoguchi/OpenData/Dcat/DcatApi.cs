using System.Globalization;
using Madoguchi.OpenData.Ckan;
using Microsoft.Net.Http.Headers;

namespace Madoguchi.OpenData.Dcat;

public enum RdfFormat
{
    Turtle,
    JsonLd,
}

/// <summary>
/// DCAT-AP addresses. Explicit: /{code}/opendata/catalog.ttl|.jsonld (?page=N) and
/// /{code}/opendata/{name}.ttl|.jsonld. Negotiated: the catalogue page /{code}/opendata and a
/// dataset page /{code}/opendata/{name} answer Turtle or JSON-LD instead of HTML when the Accept
/// header prefers text/turtle or application/ld+json (those pages call <see cref="Negotiate"/>).
/// </summary>
public static class DcatApi
{
    public const string TurtleType = "text/turtle";
    public const string JsonLdType = "application/ld+json";

    public static void MapDcat(this WebApplication app)
    {
        var group = app.MapGroup("/{tenant:municipality}/opendata");
        group.MapGet("/catalog.ttl", (HttpContext http, DcatCatalogue dcat, CancellationToken ct) => CatalogueAsync(http, dcat, RdfFormat.Turtle, "/opendata/catalog.ttl", ct));
        group.MapGet("/catalog.jsonld", (HttpContext http, DcatCatalogue dcat, CancellationToken ct) => CatalogueAsync(http, dcat, RdfFormat.JsonLd, "/opendata/catalog.jsonld", ct));
        group.MapGet("/{name}.ttl", (string name, HttpContext http, DcatCatalogue dcat, CancellationToken ct) => DatasetAsync(http, dcat, name, RdfFormat.Turtle, ct));
        group.MapGet("/{name}.jsonld", (string name, HttpContext http, DcatCatalogue dcat, CancellationToken ct) => DatasetAsync(http, dcat, name, RdfFormat.JsonLd, ct));
    }

    /// <summary>The RDF format the client prefers over HTML, by the quality values of its Accept header; null for HTML (browsers, */*).</summary>
    public static RdfFormat? Negotiate(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return null;
        }

        foreach (var type in accepted.OrderByDescending(a => a.Quality ?? 1.0))
        {
            if (type.Quality == 0)
            {
                continue;
            }

            var name = type.MediaType.Value?.ToLowerInvariant();
            switch (name)
            {
                case TurtleType:
                    return RdfFormat.Turtle;
                case JsonLdType:
                    return RdfFormat.JsonLd;
                case "text/html" or "application/xhtml+xml" or "*/*" or "text/*":
                    return null;
            }
        }

        return null;
    }

    /// <summary>The body and content type of a graph in a format.</summary>
    public static (string Body, string ContentType) Serialise(Graph graph, RdfFormat format) => format == RdfFormat.Turtle
        ? (TurtleWriter.Write(graph), TurtleType + "; charset=utf-8")
        : (JsonLdWriter.Write(graph), JsonLdType + "; charset=utf-8");

    /// <summary>The ?page= of a catalogue request: 1 when absent, null when not a positive number.</summary>
    public static int? PageOf(HttpRequest request)
    {
        var value = request.Query["page"].ToString();
        if (value.Length == 0)
        {
            return 1;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : null;
    }

    /// <summary>The catalogue page as a minimal API result (explicit address) — also used by the negotiated HTML page.</summary>
    public static async Task<IResult> CatalogueAsync(HttpContext http, DcatCatalogue dcat, RdfFormat format, string path, CancellationToken ct)
    {
        if (PageOf(http.Request) is not { } page)
        {
            return TypedResults.BadRequest("page must be a positive integer");
        }

        var baseUrl = CkanDictionaries.BaseUrl(http);
        var graph = await dcat.CatalogueAsync(baseUrl, page, baseUrl + path, ct);
        return Answer(http, graph, format);
    }

    public static async Task<IResult> DatasetAsync(HttpContext http, DcatCatalogue dcat, string name, RdfFormat format, CancellationToken ct)
    {
        var graph = await dcat.DatasetAsync(CkanDictionaries.BaseUrl(http), name, ct);
        return graph is null ? TypedResults.NotFound() : Answer(http, graph, format);
    }

    private static IResult Answer(HttpContext http, Graph graph, RdfFormat format)
    {
        var (body, contentType) = Serialise(graph, format);
        http.Response.Headers.Vary = HeaderNames.Accept;
        return TypedResults.Text(body, contentType);
    }
}
