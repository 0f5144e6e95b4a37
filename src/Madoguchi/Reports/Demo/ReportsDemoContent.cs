using Madoguchi.Platform.Data;
using Madoguchi.Platform.Demo;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Demo;

/// <summary>Each demo municipality takes the standard categories, routed to a fitting department, with its coarse area and a few facilities.</summary>
internal sealed class ReportsDemoContent(MadoguchiDb db) : IDemoContent
{
    public async Task EnsureAsync(Guid tenantId)
    {
        var code = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Code).SingleAsync();
        var departments = (await db.Departments.Where(d => d.TenantId == tenantId).OrderBy(d => d.SortOrder)
            .Select(d => new { d.Id, d.Name }).ToListAsync()).Select(d => (d.Id, d.Name)).ToList();
        var existing = await db.Set<ReportCategory>().Select(c => c.Code).ToListAsync();
        var order = 0;
        foreach (var standard in StandardCategories.All)
        {
            order++;
            if (existing.Contains(standard.Code) || StandardCategories.DepartmentFor(standard, departments) is not { } department)
            {
                continue;
            }

            db.Add(new ReportCategory
            {
                TenantId = tenantId, Code = standard.Code, Name = standard.Name, NameEn = standard.NameEn, Group = standard.Group,
                Description = standard.Description, DepartmentId = department, DuplicateRadiusMeters = standard.RadiusMeters,
                QuestionsJson = CategoryQuestion.Serialize(standard.Questions), SortOrder = order,
            });
        }

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
