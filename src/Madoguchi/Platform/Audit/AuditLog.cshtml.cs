using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Audit;

/// <summary>A tenant admin browses and verifies the municipality's own chain (and no other).</summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class AuditLogModel(MadoguchiDb db, TenantContext tenant, AuditVerifier verifier) : PageModel
{
    public sealed record Row(long Sequence, DateTime At, string Actor, string? Address, string Action, string EntityType, string EntityId, string Changes);

    public IReadOnlyList<Row> Entries { get; private set; } = [];
    public AuditVerifier.Result? Verification { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await verifier.VerifyAsync(tenant.TenantId!.Value, ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var chain = tenant.TenantId!.Value;
        var query = db.AuditEntries.AsNoTracking().Where(e => e.ChainId == chain);
        if (!string.IsNullOrWhiteSpace(Type))
        {
            query = query.Where(e => e.EntityType.Contains(Type.Trim()));
        }

        if (Before is { } before)
        {
            query = query.Where(e => e.Sequence < before);
        }

        Entries = await query.OrderByDescending(e => e.Sequence).Take(100)
            .Select(e => new Row(e.Sequence, e.At, e.Actor, e.Address, e.Action, e.EntityType, e.EntityId, e.Changes))
            .ToListAsync(ct);
    }
}
