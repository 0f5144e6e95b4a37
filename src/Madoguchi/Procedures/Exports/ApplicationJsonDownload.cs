using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Review;

namespace Madoguchi.Procedures.Exports;

/// <summary>Staff download one arrived application in the JSON export format (the API's document), recorded in <see cref="ExportLog"/>.</summary>
public static class ApplicationJsonDownload
{
    public static void MapApplicationJsonDownload(this IEndpointRouteBuilder app) =>
        app.MapGet("/{tenant:municipality}/staff/applications/{id:guid}/export.json", async (Guid id, ClaimsPrincipal user, MadoguchiDb db, FieldCipher cipher, HttpContext http, CancellationToken ct) =>
        {
            var scope = StaffScope.Of(user);
            var document = await ApplicationDocument.LoadAsync(db, cipher, id, scope.Covers, ct);
            if (document is null)
            {
                return Results.NotFound();
            }

            db.Add(new ExportLog
            {
                Actor = "staff:" + user.FindFirstValue(ClaimTypes.NameIdentifier), Kind = ExportKind.Json,
                ProcedureId = document.Procedure.Id, ProcedureVersion = document.Procedure.Version, ApplicationId = id,
                Criteria = "staff download", Rows = 1, CompletedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(ct);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{document.ReceiptNumber}.json\"";
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(document, ApplicationDocument.Json);
        }).RequireAuthorization(StaffPolicies.TenantStaff);
}
