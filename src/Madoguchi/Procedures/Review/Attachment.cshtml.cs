using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Madoguchi.Procedures.Review;

/// <summary>
/// A document attached to an arrived application, for the staff who may open its case page:
/// decrypted while it streams, never cached. Another department's is not found.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class StaffAttachmentModel(MadoguchiDb db, AttachmentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var scope = StaffScope.Of(User);
        var found = await (
                from f in db.Set<ApplicationAttachment>().AsNoTracking()
                join a in db.Set<Application>() on f.ApplicationId equals a.Id
                join p in db.Set<Procedure>() on a.ProcedureId equals p.Id
                where f.Id == attachmentId && a.Id == id && a.Status != ApplicationStatus.Draft
                select new { File = f, p.DepartmentId })
            .SingleOrDefaultAsync(ct);
        if (found is null || !scope.Covers(found.DepartmentId))
        {
            return NotFound();
        }

        Response.ContentType = found.File.ContentType;
        Response.ContentLength = found.File.Size;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = found.File.FileName }.ToString();
        Response.Headers.CacheControl = "private, no-store";
        await store.CopyToAsync(found.File, Response.Body, ct);
        return new EmptyResult();
    }
}
