using Madoguchi.Platform.Data;
using Madoguchi.Platform.Demo;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Catalogue;

/// <summary>In demo mode every demo municipality offers all priority procedures, each with the department its plan names for it.</summary>
internal sealed class ProceduresDemoContent(MadoguchiDb db, TemplateLibrary templates, TemplateEnabler enabler) : IDemoContent
{
    public async Task EnsureAsync(Guid tenantId)
    {
        var departments = await db.Departments.Where(d => d.TenantId == tenantId)
            .OrderBy(d => d.SortOrder).Select(d => new { d.Id, d.Name }).ToListAsync();
        var tuples = departments.Select(d => (d.Id, d.Name)).ToList();
        foreach (var template in templates.All)
        {
            if (TemplateEnabler.SuggestDepartment(template, tuples) is { } department)
            {
                await enabler.EnableAsync(template, department, staffId: null, CancellationToken.None);
            }
        }
    }
}
