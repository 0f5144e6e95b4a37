using Madoguchi.Platform.Data;
using Madoguchi.Platform.Demo;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Demo;

/// <summary>Each demo municipality takes the standard categories, routed to a fitting department, with its coarse area and a few facilities.</summary>
internal sealed class ReportsDemoContent(MadoguchiDb db, StandardCategoryInstaller categories) : IDemoContent
{
    public async Task EnsureAsync(Guid tenantId)
    {
        var code = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Code).SingleAsync();
        await categories.AddMissingAsync(CancellationToken.None);

        if (DemoAreas.All.FirstOrDefault(a => a.Code == code) is { } area)
        {
            if (!await db.Set<ReportArea>().AnyAsync())
            {
                db.Add(new ReportArea { TenantId = tenantId, GeoJson = DemoAreas.GeoJson(area.Outline) });
            }

            var facilities = await db.Set<PublicFacility>().Select(f => f.Name).ToListAsync();
            foreach (var f in area.Facilities.Where(f => !facilities.Contains(f.Name)))
            {
                db.Add(new PublicFacility { TenantId = tenantId, Name = f.Name, Address = f.Address, Latitude = f.Latitude, Longitude = f.Longitude });
            }
        }

        await db.SaveChangesAsync();
    }
}
