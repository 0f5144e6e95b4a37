using System.Globalization;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Reports.Open311.Open311Document;

namespace Madoguchi.Reports.Open311;

/// <summary>
/// Open311 GeoReport v2 at /{code}/open311/v2/ (http://wiki.open311.org/GeoReport_v2): discovery,
/// services, service definitions, POST requests (api_key per client application), GET requests
/// with the spec's filters plus lat/long/radius, requests/{id} and tokens/{token}, each as .json
/// or .xml. Errors use the spec's shape. Nothing about the reporter is ever returned.
/// </summary>
internal static class Open311Api
{
    public const string Root = "/{tenant:municipality}/open311/v2";

    public static void MapOpen311(this WebApplication app)
    {
        var api = app.MapGroup(Root);
        api.MapGet("/discovery.{format}", Discovery);
        api.MapGet("/services.{format}", Services);
        api.MapGet("/services/{service_code}.{format}", Definition);
        api.MapGet("/requests.{format}", Open311Requests.ListAsync);
        api.MapGet("/requests/{id}.{format}", Open311Requests.OneAsync);
        api.MapGet("/tokens/{token}.{format}", Open311Requests.TokenAsync);
        // Read by hand, not bound with [FromForm]: a client application authenticates with its
        // api_key, it has no antiforgery cookie.
        api.MapPost("/requests.{format}", Open311Requests.PostAsync).DisableAntiforgery().RequireRateLimiting(ReportsModule.Open311RateLimit);
    }

    public static bool KnownFormat(string format) => format is "json" or "xml";

    private static IResult Discovery(string format, HttpRequest request, TenantContext tenant)
    {
        if (!KnownFormat(format))
        {
            return Error("json", 404, "Unknown format; use .json or .xml.");
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}/{tenant.Code}/open311/v2/";
        const string changeset = "2026-11-24T00:00:00+09:00";
        return Write(format, 200, Of(
            new("changeset", changeset),
            new("contact", $"{tenant.Name}（報告の窓口）"),
            new("key_service", $"{request.Scheme}://{request.Host}{request.PathBase}/{tenant.Code}/staff/open311-clients"),
            new("endpoints", new List("endpoints", "endpoint",
            [
                Of(new("specification", "http://wiki.open311.org/GeoReport_v2"), new("url", url), new("changeset", changeset), new("type", "production"),
                   new("formats", new List("formats", "format", ["text/xml", "application/json"]))),
            ]))), "discovery");
    }

    private static async Task<IResult> Services(string format, MadoguchiDb db, CancellationToken ct)
    {
        if (!KnownFormat(format))
        {
            return Error("json", 404, "Unknown format; use .json or .xml.");
        }

        var categories = await db.Set<ReportCategory>().AsNoTracking().Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(ct);
        return Write(format, 200, new List("services", "service", categories.Select(c => (object?)Of(
            new("service_code", c.Code),
            new("service_name", c.Name),
            new("description", c.Description),
            new("metadata", c.Questions.Count > 0),
            new("type", "realtime"),
            new("keywords", c.NameEn ?? ""),
            new("group", c.Group))).ToList()));
    }

    private static async Task<IResult> Definition(string service_code, string format, MadoguchiDb db, CancellationToken ct)
    {
        if (!KnownFormat(format))
        {
            return Error("json", 404, "Unknown format; use .json or .xml.");
        }

        var category = await db.Set<ReportCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == service_code && c.Active, ct);
        if (category is null)
        {
            return Error(format, 404, "service_code not found");
        }

        var order = 0;
        return Write(format, 200, Of(
            new("service_code", category.Code),
            new("attributes", new List("attributes", "attribute", category.Questions.Select(q => (object?)Of(
                new("variable", true),
                new("code", q.Code),
                new("datatype", q.Choices.Count > 0 ? "singlevaluelist" : "string"),
                new("required", q.Required),
                new("datatype_description", q.Hint ?? ""),
                new("order", ++order),
                new("description", q.Label),
                new("values", new List("values", "value", q.Choices.Select(choice => (object?)Of(new("key", choice), new("name", choice))).ToList())))).ToList()))), "service_definition");
    }

    public static bool TryParseTime(string? text, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        return false;
    }
}
