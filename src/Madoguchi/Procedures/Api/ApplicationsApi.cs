using System.Globalization;
using System.Security.Claims;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Api;

/// <summary>
/// The API for core systems, /{code}/api/v1 (described at /openapi/v1.json by <see cref="ApiDocument"/>):
/// arrived applications of the client's municipality and department, one application in the JSON
/// export format, its attached files. Read-only for now.
/// </summary>
public static class ApplicationsApi
{
    public const string Prefix = "/{tenant:municipality}/api/v1";
    public const string Policy = "ApiClient";
    public const string RateLimit = "api-client";
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public sealed record ApplicationSummary(Guid Id, string ReceiptNumber, string ProcedureKey, int ProcedureVersion, string Status,
        DateTime SubmittedAt, DateTime UpdatedAt, Guid DepartmentId);

    public sealed record ApplicationPage(IReadOnlyList<ApplicationSummary> Items, string? NextCursor);

    public static void MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(Policy).RequireRateLimiting(RateLimit).DisableAntiforgery();
        api.MapGet("/applications", ListAsync).WithName("listApplications");
        api.MapGet("/applications/{id:guid}", GetAsync).WithName("getApplication");
        api.MapGet("/applications/{id:guid}/attachments/{attachmentId:guid}", AttachmentAsync).WithName("getAttachment");
        api.MapPost("/applications/{id:guid}/decision", DecisionEndpoint.PostAsync).WithName("postDecision");
    }

    /// <summary>The client's department, or null when it may read every department's applications.</summary>
    internal static Guid? DepartmentOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthentication.DepartmentClaim) is { } d ? Guid.Parse(d) : null;

    private static async Task<Results<Ok<ApplicationPage>, ProblemHttpResult>> ListAsync(
        MadoguchiDb db, ClaimsPrincipal user, string? procedure, string? status, string? submittedSince, string? cursor, string? limit, CancellationToken ct)
    {
        var department = DepartmentOf(user);
        DateTimeOffset? since = null;
        if (submittedSince is not null)
        {
            if (!DateTimeOffset.TryParse(submittedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ApiProblems.BadRequest("submittedSince の値が正しくありません。", "RFC 3339 の日時（例：2026-04-01T00:00:00+09:00）で指定してください。");
            }

            since = parsed;
        }

        ApplicationStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ApplicationStatus>(status, ignoreCase: false, out var s) || s == ApplicationStatus.Draft || int.TryParse(status, out _))
            {
                return ApiProblems.BadRequest("status の値が正しくありません。", "Submitted, UnderReview, CorrectionRequested, Approved, Rejected, Withdrawn のいずれかを指定してください。");
            }

            wanted = s;
        }

        var after = "";
        if (cursor is not null && !TryDecodeCursor(cursor, out after))
        {
            return ApiProblems.BadRequest("cursor の値が正しくありません。", "前の応答の nextCursor をそのまま指定してください。");
        }

        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            return ApiProblems.BadRequest("limit は1から500までの数で指定してください。");
        }

        var query =
            from a in db.Set<Application>().AsNoTracking()
            join p in db.Set<Procedure>() on a.ProcedureId equals p.Id
            where a.Status != ApplicationStatus.Draft && a.ReceiptNumber != null && (department == null || p.DepartmentId == department)
            select new { a, p.Key, p.DepartmentId };
        if (procedure is not null)
        {
            query = query.Where(x => x.Key == procedure);
        }

        if (wanted is { } w)
        {
            query = query.Where(x => x.a.Status == w);
        }

        if (since is { } from)
        {
            var utc = from.UtcDateTime;
            query = query.Where(x => x.a.SubmittedAt >= utc);
        }

        var rows = await query.Where(x => string.Compare(x.a.ReceiptNumber, after) > 0)
            .OrderBy(x => x.a.ReceiptNumber)
            .Take(take + 1)
            .Select(x => new ApplicationSummary(x.a.Id, x.a.ReceiptNumber!, x.Key, x.a.ProcedureVersion, x.a.Status.ToString(),
                x.a.SubmittedAt!.Value, x.a.UpdatedAt, x.DepartmentId))
            .ToListAsync(ct);
        var more = rows.Count > take;
        var items = rows.Take(take).Select(r => r with { SubmittedAt = Utc(r.SubmittedAt), UpdatedAt = Utc(r.UpdatedAt) }).ToList();
        return TypedResults.Ok(new ApplicationPage(items, more ? EncodeCursor(items[^1].ReceiptNumber) : null));
    }

    private static async Task<Results<JsonHttpResult<ApplicationDocument>, ProblemHttpResult>> GetAsync(
        MadoguchiDb db, FieldCipher cipher, ClaimsPrincipal user, HttpContext http, Guid id, CancellationToken ct)
    {
        var department = DepartmentOf(user);
        var document = await ApplicationDocument.LoadAsync(db, cipher, id, d => department is null || d == department, ct);
        if (document is null)
        {
            return ApiProblems.NotFound();
        }

        db.Add(new ExportLog
        {
            Actor = "api:" + user.FindFirstValue(ApiKeyAuthentication.ClientIdClaim), Kind = ExportKind.Json,
            ProcedureId = document.Procedure.Id, ProcedureVersion = document.Procedure.Version, ApplicationId = id,
            Criteria = "api", Rows = 1, CompletedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(ct);
        http.Response.Headers.ETag = document.ETag;
        return TypedResults.Json(document, ApplicationDocument.Json);
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> AttachmentAsync(
        MadoguchiDb db, AttachmentStore store, ClaimsPrincipal user, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var department = DepartmentOf(user);
        var found = await (
                from x in db.Set<ApplicationAttachment>().AsNoTracking()
                join a in db.Set<Application>() on x.ApplicationId equals a.Id
                join p in db.Set<Procedure>() on a.ProcedureId equals p.Id
                where x.Id == attachmentId && a.Id == id && a.Status != ApplicationStatus.Draft && (department == null || p.DepartmentId == department)
                select new { Row = x, a.ProcedureId, a.ProcedureVersion })
            .SingleOrDefaultAsync(ct);
        var path = found is null ? null : store.PathOf(found.Row);
        if (found is null || !File.Exists(path))
        {
            return ApiProblems.NotFound();
        }

        db.Add(new ExportLog
        {
            Actor = "api:" + user.FindFirstValue(ApiKeyAuthentication.ClientIdClaim), Kind = ExportKind.Attachment,
            ProcedureId = found.ProcedureId, ProcedureVersion = found.ProcedureVersion, ApplicationId = id,
            Criteria = "attachment=" + attachmentId, Rows = 1, CompletedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(ct);
        // Files are encrypted at rest: decrypt while streaming, never to a temporary plaintext file.
        return TypedResults.Stream(output => store.CopyToAsync(found.Row, output, CancellationToken.None), found.Row.ContentType, found.Row.FileName);
    }

    private static string EncodeCursor(string receiptNumber) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("r:" + receiptNumber)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static bool TryDecodeCursor(string cursor, out string receiptNumber)
    {
        receiptNumber = "";
        var padded = cursor.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (!text.StartsWith("r:", StringComparison.Ordinal) || text.Length > 40)
            {
                return false;
            }

            receiptNumber = text[2..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
