using System.Globalization;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Photos;
using Madoguchi.Reports.Reporting;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Reports.Open311.Open311Document;

namespace Madoguchi.Reports.Open311;

/// <summary>Service requests over Open311: reading them with the spec's filters, and posting one with an api_key.</summary>
internal static class Open311Requests
{
    public const int MaxResults = 1000;

    /// <summary>Bounding-box reports read by position alone before falling back to date order (about 1 MB of ids and positions).</summary>
    public const int MaxCircleCandidates = 20_000;
    public const int DefaultDays = 90;
    public const int MaxRadiusMeters = 10_000;

    private sealed record Row(Guid Id, ReportStatus Status, string Category, string CategoryCode, string Department, string Description,
        DateTime CreatedAt, DateTime UpdatedAt, string Address, double? Latitude, double? Longitude);

    public static async Task<IResult> ListAsync(string format, HttpRequest request, MadoguchiDb db, CancellationToken ct)
    {
        if (!Open311Api.KnownFormat(format))
        {
            return Error("json", 404, "Unknown format; use .json or .xml.");
        }

        var q = request.Query;
        var query = db.Set<Report>().AsNoTracking().Where(r => r.Status != ReportStatus.Merged);
        if (q["service_request_id"].ToString() is { Length: > 0 } ids)
        {
            var wanted = ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).ToList();
            // The spec: with service_request_id every other parameter is ignored.
            return await WriteRowsAsync(format, request, db, db.Set<Report>().AsNoTracking().Where(r => wanted.Contains(r.Id)), ct);
        }

        if (q["service_code"].ToString() is { Length: > 0 } codes)
        {
            var wanted = codes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            query = query.Where(r => db.Set<ReportCategory>().Any(c => c.Id == r.CategoryId && wanted.Contains(c.Code)));
        }

        if (!Open311Api.TryParseTime(q["start_date"], out var start) || !Open311Api.TryParseTime(q["end_date"], out var end))
        {
            return Error(format, 400, "start_date and end_date must be W3C date-times, e.g. 2026-11-01T00:00:00+09:00");
        }

        if (start is null && end is null)
        {
            start = DateTime.UtcNow.AddDays(-DefaultDays);
        }

        if (start is { } from)
        {
            query = query.Where(r => r.CreatedAt >= from);
        }

        if (end is { } to)
        {
            query = query.Where(r => r.CreatedAt <= to);
        }

        if (q["status"].ToString() is { Length: > 0 } statusText)
        {
            var statuses = statusText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (statuses.Any(s => s is not ("open" or "closed")))
            {
                return Error(format, 400, "status must be open or closed");
            }

            var open = statuses.Contains("open");
            var closed = statuses.Contains("closed");
            query = query.Where(r => (open && (r.Status == ReportStatus.Received || r.Status == ReportStatus.InProgress))
                || (closed && (r.Status == ReportStatus.Closed || r.Status == ReportStatus.Declined)));
        }

        // Extension: lat/long/radius (metres), nearest reports of an area.
        var hasLat = q.ContainsKey("lat");
        var hasLong = q.ContainsKey("long");
        (double Lat, double Lon, double Radius)? circle = null;
        if (hasLat || hasLong || q.ContainsKey("radius"))
        {
            if (!double.TryParse(q["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(q["long"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                return Error(format, 400, "lat and long must both be given as decimal degrees");
            }

            var radius = 500d;
            if (q.ContainsKey("radius") && (!double.TryParse(q["radius"], NumberStyles.Float, CultureInfo.InvariantCulture, out radius) || radius is <= 0 or > MaxRadiusMeters))
            {
                return Error(format, 400, $"radius must be metres between 1 and {MaxRadiusMeters}");
            }

            var (dLat, dLon) = Distance.Box(lat, radius);
            var (minLat, maxLat, minLon, maxLon) = (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
            query = query.Where(r => r.Latitude >= minLat && r.Latitude <= maxLat && r.Longitude >= minLon && r.Longitude <= maxLon);
            circle = (lat, lon, radius);
        }

        return await WriteRowsAsync(format, request, db, query, ct, circle);
    }

    public static async Task<IResult> OneAsync(string id, string format, HttpRequest request, MadoguchiDb db, CancellationToken ct)
    {
        if (!Open311Api.KnownFormat(format))
        {
            return Error("json", 404, "Unknown format; use .json or .xml.");
        }

        if (!Guid.TryParse(id, out var guid) || !await db.Set<Report>().AnyAsync(r => r.Id == guid, ct))
        {
            return Error(format, 404, "service_request_id not found");
        }

        return await WriteRowsAsync(format, request, db, db.Set<Report>().AsNoTracking().Where(r => r.Id == guid), ct);
    }

    public static async Task<IResult> TokenAsync(string token, string format, MadoguchiDb db, CancellationToken ct)
    {
        if (!Open311Api.KnownFormat(format))
        {
            return Error("json", 404, "Unknown format; use .json or .xml.");
        }

        var id = await db.Set<Report>().Where(r => r.Token == token).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
        return id is null
            ? Error(format, 404, "token not found")
            : Write(format, 200, new List("service_requests", "request", [Of(new("service_request_id", id.Value.ToString()), new("token", token))]));
    }

    public static async Task<IResult> PostAsync(string format, HttpRequest request, MadoguchiDb db, ReportSubmission submission, CancellationToken ct)
    {
        if (!Open311Api.KnownFormat(format))
        {
            return Error("json", 404, "Unknown format; use .json or .xml.");
        }

        if (!request.HasFormContentType)
        {
            return Error(format, 400, "Send the request as application/x-www-form-urlencoded, as the spec says.");
        }

        var form = await request.ReadFormAsync(ct);
        var key = form["api_key"].ToString();
        var hash = Open311Client.Hash(key);
        var client = key.Length == 0 ? null : await db.Set<Open311Client>().AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash && c.RevokedAt == null, ct);
        if (client is null)
        {
            return Error(format, 403, "api_key is missing, unknown or revoked");
        }

        var code = form["service_code"].ToString();
        var category = await db.Set<ReportCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == code && c.Active, ct);
        if (category is null)
        {
            return Error(format, 400, "service_code not found");
        }

        double? lat = null, lon = null;
        if (form["lat"].ToString().Length > 0 || form["long"].ToString().Length > 0)
        {
            if (!double.TryParse(form["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var la)
                || !double.TryParse(form["long"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
            {
                return Error(format, 400, "lat and long must both be given as decimal degrees");
            }

            (lat, lon) = (la, lo);
        }

        var answers = form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["attribute[".Length..^1], k => form[k].ToString());
        var email = form["email"].ToString().Trim();
        var draft = new ReportDraft(category, form["description"].ToString(), form["address_string"].ToString(), null, lat, lon, answers,
            Email: email.Length > 0 ? email : null, ApiClientId: client.Id);
        var (location, problems) = await submission.CheckAsync(draft, ct);
        if (problems.Count > 0)
        {
            return Write(format, 400, new List("errors", "error", problems.Select(p => (object?)Of(new("code", 400), new("description", p.Field + ": " + p.Message))).ToList()));
        }

        var report = await submission.SubmitAsync(draft, location, ct);
        return Write(format, 201, new List("service_requests", "request",
        [
            Of(new("service_request_id", report.Id.ToString()), new("token", report.Token),
               new("service_notice", "受け付けました。担当課が確認します。"), new("account_id", null)),
        ]));
    }

    private static async Task<IResult> WriteRowsAsync(string format, HttpRequest request, MadoguchiDb db, IQueryable<Report> query, CancellationToken ct,
        (double Lat, double Lon, double Radius)? circle = null)
    {
        if (circle is { } within && await NewestInCircleAsync(query, within, ct) is { } newest)
        {
            // The circle's reports were found from the bounding-box index alone; read just those rows.
            query = db.Set<Report>().AsNoTracking().Where(r => newest.Contains(r.Id));
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).Take(circle is null ? MaxResults : MaxResults * 4)
            .Select(r => new Row(r.Id, r.Status,
                db.Set<ReportCategory>().Where(c => c.Id == r.CategoryId).Select(c => c.Name).First(),
                db.Set<ReportCategory>().Where(c => c.Id == r.CategoryId).Select(c => c.Code).First(),
                db.Departments.Where(d => d.Id == r.DepartmentId).Select(d => d.Name).First(),
                r.Description, r.CreatedAt, r.UpdatedAt, r.Address, r.Latitude, r.Longitude))
            .ToListAsync(ct);
        if (circle is { } c)
        {
            rows = rows.Where(r => r.Latitude is { } la && r.Longitude is { } lo && Distance.Meters(c.Lat, c.Lon, la, lo) <= c.Radius).Take(MaxResults).ToList();
        }

        var ids = rows.Select(r => r.Id).ToList();
        var notes = (await db.Set<ReportUpdate>().AsNoTracking().Where(u => ids.Contains(u.ReportId) && u.PublicNote != null)
                .Select(u => new { u.ReportId, u.At, u.PublicNote }).ToListAsync(ct))
            .GroupBy(u => u.ReportId).ToDictionary(g => g.Key, g => g.OrderBy(u => u.At).Last().PublicNote);
        var photos = (await db.Set<ReportPhoto>().AsNoTracking().Where(p => p.ReportId != null && ids.Contains(p.ReportId.Value))
                .Select(p => new { ReportId = p.ReportId!.Value, p.Id, p.CreatedAt }).ToListAsync(ct))
            .GroupBy(p => p.ReportId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.CreatedAt).First().Id);
        var tenant = request.RouteValues["tenant"];
        var site = $"{request.Scheme}://{request.Host}{request.PathBase}/{tenant}";

        return Write(format, 200, new List("service_requests", "request", rows.Select(r => (object?)Of(
            new("service_request_id", r.Id.ToString()),
            new("status", ReportStatuses.Open311(r.Status)),
            new("status_notes", notes.GetValueOrDefault(r.Id)),
            new("service_name", r.Category),
            new("service_code", r.CategoryCode),
            new("description", r.Description),
            new("agency_responsible", r.Department),
            new("service_notice", null),
            new("requested_datetime", r.CreatedAt),
            new("updated_datetime", r.UpdatedAt),
            new("expected_datetime", null),
            new("address", r.Address),
            new("address_id", null),
            new("zipcode", null),
            new("lat", r.Latitude),
            new("long", r.Longitude),
            new("media_url", photos.TryGetValue(r.Id, out var photo) ? $"{site}/reports/{r.Id}/photos/{photo}" : null))).ToList()));
    }

    /// <summary>
    /// The ids of the newest reports inside the circle, found with one index-only read of the
    /// bounding box (TenantId, Latitude, Longitude, CreatedAt, Status: see ReportConfiguration) and
    /// the exact distance in memory. Null when the box holds more than <see cref="MaxCircleCandidates"/>
    /// reports (a wide radius over years in a city centre): then the newest of the box are read in
    /// date order instead, and the circle is applied to them.
    /// </summary>
    private static async Task<List<Guid>?> NewestInCircleAsync(IQueryable<Report> query, (double Lat, double Lon, double Radius) circle, CancellationToken ct)
    {
        var candidates = await query.Select(r => new { r.Id, r.CreatedAt, r.Latitude, r.Longitude }).Take(MaxCircleCandidates + 1).ToListAsync(ct);
        if (candidates.Count > MaxCircleCandidates)
        {
            return null;
        }

        return candidates
            .Where(r => r.Latitude is { } la && r.Longitude is { } lo && Distance.Meters(circle.Lat, circle.Lon, la, lo) <= circle.Radius)
            .OrderByDescending(r => r.CreatedAt).Take(MaxResults).Select(r => r.Id).ToList();
    }
}
