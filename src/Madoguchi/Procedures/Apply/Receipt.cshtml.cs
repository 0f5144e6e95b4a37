using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Procedures.Apply;

[Authorize(Policy = SignedInResident.Policy)]
public sealed class ReceiptModel(MadoguchiDb db, FieldCipher fields, TenantContext tenant) : PageModel
{
    public OwnApplication? Own { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Own = await OwnApplication.LoadAsync(db, fields, User, id, ct);
        if (Own is null)
        {
            return NotFound();
        }

        return Own.Application.ReceiptNumber is null
            ? Redirect($"/{tenant.Code}/applications/{id}/pages/{Own.Application.CurrentPage}")
            : Page();
    }
}
