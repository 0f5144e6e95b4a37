using System.Globalization;
using System.Linq.Expressions;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Reporting;
using Microsoft.EntityFrameworkCore;
using static Madoguchi.Reports.Open311.Open311Document;

namespace Madoguchi.Reports.Open311;

/// <summary>Service requests over Open311: reading them with the spec's filters, and posting one with an api_key.</summary>
internal static class Open311Requests
{
    public const int MaxResults = 1000;

    /// <summary>
    /// The first date window (days back from the newest date asked for) of a radius read: a busy town
    /// centre fills the answer from the last month, a quiet hamlet needs the years. Past the last
    /// window the whole period asked for is read.
    /// </summary>
    private const int FirstWindowDays = 30;
    private const int LastWindowDays = 3 * 365;

    /// <summary>Rows past <see cref="MaxResults"/> read for a circle, for those the exact distance drops at its edge.</summary>
    private const int CircleSlack = 100;
    public const int DefaultDays = 90;
    public const int MaxRadiusMeters = 10_000;

    private sealed record Row(Guid Id, ReportStatus Status, Guid CategoryId, Guid DepartmentId, string Description,
        DateTime CreatedAt, DateTime UpdatedAt, string Address, double? Latitude, double? Longitude, string? Note, Guid? Photo);

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
            return await WriteRowsAsync(format, request, db, await ReadRowsAsync(db.Set<Report>().AsNoTracking().Where(r => wanted.Contains(r.Id)), MaxResults, ct), ct);
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

            circle = (lat, lon, radius);
        }

        var rows = circle is { } within
            ? await NewestInCircleAsync(db, query, within, start, end, ct)
            : await ReadRowsAsync(query, MaxResults, ct);
        return await WriteRowsAsync(format, request, db, rows, ct);
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

        return await WriteRowsAsync(format, request, db, await ReadRowsAsync(db.Set<Report>().AsNoTracking().Where(r => r.Id == guid), 1, ct), ct);
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

    /// <summary>
    /// The newest <paramref name="take"/> reports of the query in one read of their rows (the latest
    /// public note and first photo are kept on the row), so the SQL has one shape whatever the number
    /// of reports (no list of ids to send back).
    /// </summary>
    private static Task<List<Row>> ReadRowsAsync(IQueryable<Report> query, int take, CancellationToken ct) =>
        query.OrderByDescending(r => r.CreatedAt).Take(take).Select(RowOf).ToListAsync(ct);

    private static readonly Expression<Func<Report, Row>> RowOf = r => new Row(r.Id, r.Status, r.CategoryId, r.DepartmentId, r.Description,
        r.CreatedAt, r.UpdatedAt, r.Address, r.Latitude, r.Longitude, r.PublicNote, r.PhotoId);

    private static async Task<IResult> WriteRowsAsync(string format, HttpRequest request, MadoguchiDb db, List<Row> rows, CancellationToken ct)
    {
        // Names come from the municipality's few categories and departments, not a subquery per row.
        var categories = await db.Set<ReportCategory>().AsNoTracking().Select(c => new { c.Id, c.Name, c.Code }).ToDictionaryAsync(c => c.Id, ct);
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var tenant = request.RouteValues["tenant"];
        var site = $"{request.Scheme}://{request.Host}{request.PathBase}/{tenant}";

        return Write(format, 200, new List("service_requests", "request", rows.Select(r => (object?)Of(
            new("service_request_id", r.Id.ToString()),
            new("status", ReportStatuses.Open311(r.Status)),
            new("status_notes", r.Note),
            new("service_name", categories[r.CategoryId].Name),
            new("service_code", categories[r.CategoryId].Code),
            new("description", r.Description),
            new("agency_responsible", departments.GetValueOrDefault(r.DepartmentId, "")),
            new("service_notice", null),
            new("requested_datetime", r.CreatedAt),
            new("updated_datetime", r.UpdatedAt),
            new("expected_datetime", null),
            new("address", r.Address),
            new("address_id", null),
            new("zipcode", null),
            new("lat", r.Latitude),
            new("long", r.Longitude),
            new("media_url", r.Photo is { } photo ? $"{site}/reports/{r.Id}/photos/{photo}" : null))).ToList()));
    }

    /// <summary>
    /// The newest reports inside the circle (at most <see cref="MaxResults"/>). Candidates come from the
    /// (tenant, cell, date, status, position, id) index alone: the grid cells the circle's box touches
    /// and a flat-earth distance check in SQL (exact enough within 10 km, with a 1 % margin), newest
    /// first within a date window that starts at a month and grows with the density it finds, until
    /// the answer is full or covers the period asked for (a window much wider than needed makes the
    /// database sort thousands of index entries). Only then are the rows of the newest candidates read
    /// in full, from the oldest candidate's date and by key (<c>Id IN (SELECT Id … LIMIT n)</c>).
    /// </summary>
    private static async Task<List<Row>> NewestInCircleAsync(MadoguchiDb db, IQueryable<Report> query, (double Lat, double Lon, double Radius) circle,
        DateTime? start, DateTime? end, CancellationToken ct)
    {
        var (lat, lon, radius) = circle;
        var (dLat, dLon) = Distance.Box(lat, radius * 1.01);
        var (minLat, maxLat, minLon, maxLon) = (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
        var cells = GridCells.Covering(minLat, maxLat, minLon, maxLon);
        var lonScale = Math.Pow(Math.Cos(lat * Math.PI / 180), 2);
        var maxDegrees2 = dLat * dLat;
        var inCircle = query.Where(r => cells.Contains(r.Cell!.Value)
            && r.Latitude >= minLat && r.Latitude <= maxLat && r.Longitude >= minLon && r.Longitude <= maxLon
            && (r.Latitude - lat) * (r.Latitude - lat) + (r.Longitude - lon) * (r.Longitude - lon) * lonScale <= maxDegrees2);

        const int candidates = MaxResults + CircleSlack;
        var until = end ?? DateTime.UtcNow;
        var days = FirstWindowDays;
        while (true)
        {
            DateTime? from = until.AddDays(-days);
            if (from < start || days >= LastWindowDays)
            {
                from = start;
            }

            var window = from is { } f ? inCircle.Where(r => r.CreatedAt >= f) : inCircle;
            var found = await window.OrderByDescending(r => r.CreatedAt).Take(candidates).Select(r => r.CreatedAt).ToListAsync(ct);
            if (found.Count == candidates || from == start)
            {
                if (found.Count == 0)
                {
                    return [];
                }

                // No ORDER BY … LIMIT outside: with one, SQLite walks the date index of the whole
                // municipality probing the candidates instead of fetching the candidates by key.
                var oldest = found[^1];
                var newest = inCircle.Where(r => r.CreatedAt >= oldest).OrderByDescending(r => r.CreatedAt).Take(candidates).Select(r => r.Id);
                var rows = await db.Set<Report>().AsNoTracking().Where(r => newest.Contains(r.Id)).Select(RowOf).ToListAsync(ct);
                return rows.OrderByDescending(r => r.CreatedAt)
                    .Where(r => Distance.Meters(lat, lon, r.Latitude!.Value, r.Longitude!.Value) <= radius)
                    .Take(MaxResults).ToList();
            }

            // Grow the window to where the density seen so far would fill the answer, with a margin.
            days = Math.Max(days * 2, days * candidates * 5 / (4 * Math.Max(found.Count, 1)));
        }
    }
}
