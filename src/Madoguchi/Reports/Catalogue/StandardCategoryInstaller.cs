using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Catalogue;

/// <summary>Adds the standard categories a municipality does not have yet, each routed to its fitting department.</summary>
public sealed class StandardCategoryInstaller(MadoguchiDb db)
{
    /// <summary>Adds (not saved) and returns how many were added.</summary>
    public async Task<int> AddMissingAsync(CancellationToken ct)
    {
        var departments = (await db.Departments.OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();
        var existing = await db.Set<ReportCategory>().Select(c => c.Code).ToListAsync(ct);
        var added = 0;
        for (var i = 0; i < StandardCategories.All.Length; i++)
        {
            var standard = StandardCategories.All[i];
            if (existing.Contains(standard.Code) || StandardCategories.DepartmentFor(standard, departments) is not { } department)
            {
                continue;
            }

            db.Add(new ReportCategory
            {
                Code = standard.Code, Name = standard.Name, NameEn = standard.NameEn, Group = standard.Group,
                Description = standard.Description, DepartmentId = department, DuplicateRadiusMeters = standard.RadiusMeters,
                QuestionsJson = CategoryQuestion.Serialize(standard.Questions), SortOrder = i + 1,
            });
            added++;
        }

        return added;
    }
}
