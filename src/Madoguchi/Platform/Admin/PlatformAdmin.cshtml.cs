using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Admin;

[Authorize(Policy = StaffPolicies.PlatformAdmin)]
public sealed class PlatformAdminModel(MadoguchiDb db, AuditVerifier verifier) : PageModel
{
    public sealed record Row(string Code, string Name, int StaffCount);

    public IReadOnlyList<Row> Tenants { get; private set; } = [];
    public AuditVerifier.Result? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await verifier.VerifyAsync(null, ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Tenants = await db.Tenants.OrderBy(t => t.Code)
            .Select(t => new Row(t.Code, t.Name, db.Users.Count(u => u.TenantId == t.Id)))
            .ToListAsync(ct);
}
