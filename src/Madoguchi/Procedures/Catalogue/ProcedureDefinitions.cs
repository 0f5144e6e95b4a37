using System.Text.Json;
using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Catalogue;

/// <summary>Reads the definition (template format) of one published version of a procedure.</summary>
public static class ProcedureDefinitions
{
    public static async Task<ProcedureTemplate> LoadAsync(MadoguchiDb db, Guid procedureId, int version, CancellationToken ct)
    {
        var definition = await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == procedureId && v.Number == version)
            .Select(v => v.Definition).SingleAsync(ct);
        return JsonSerializer.Deserialize<ProcedureTemplate>(definition, TemplateLibrary.JsonOptions)!;
    }
}
