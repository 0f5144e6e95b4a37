using System.Globalization;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Shell;

public sealed class TenantHomeModel(MadoguchiDb db, TenantContext tenant) : PageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<string> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Name = en ? tenant.NameEn! : tenant.Name!;
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => en && d.NameEn != null ? d.NameEn : d.Name).ToListAsync(ct);
    }
}
