using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Residents;
using Madoguchi.Procedures.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Madoguchi.Procedures.Apply;

/// <summary>A resident downloads a document they attached: decrypted chunk by chunk on the way out.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class AttachmentDownloadModel(MadoguchiDb db, FieldCipher fields, AttachmentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var own = await OwnApplication.LoadAsync(db, fields, User, id, ct);
        var row = own is null ? null : await db.Set<ApplicationAttachment>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.ApplicationId == id, ct);
        if (row is null)
        {
            return NotFound();
        }

        Response.ContentType = row.ContentType;
        Response.ContentLength = row.Size;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = row.FileName }.ToString();
        Response.Headers.CacheControl = "private, no-store";
        await store.CopyToAsync(row, Response.Body, ct);
        return new EmptyResult();
    }
}
