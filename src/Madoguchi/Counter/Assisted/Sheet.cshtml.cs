using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Counter.Assisted;

/// <summary>The printed confirmation sheet (PDF) of a visit, for the staff of its department.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ConfirmationSheetModel(Visits.CounterVisits visits, IAssistedApplications applications, TenantContext tenant, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await visits.LoadAsync(id, User, ct) is not { } loaded)
        {
            return NotFound();
        }

        var forms = new List<AssistedReview>();
        foreach (var part in loaded.Parts)
        {
            if (await applications.ReviewAsync(part.Link.ApplicationId, ct) is { } review)
            {
                forms.Add(review);
            }
        }

        var pdf = ConfirmationSheet.Render(tenant.Name!, loaded.Visit.VisitorName, time.GetUtcNow().UtcDateTime, forms);
        return File(pdf, "application/pdf", $"kakunin-{loaded.Visit.StartedAt:yyyyMMdd}.pdf");
    }
}
