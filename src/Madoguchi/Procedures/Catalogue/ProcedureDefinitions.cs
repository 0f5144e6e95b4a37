using System.Collections.Concurrent;
using System.Text.Json;
using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Catalogue;

/// <summary>Reads the definition (template format) of one published version of a procedure.</summary>
public static class ProcedureDefinitions
{
    // A published version is never changed (a change is a new number), so its parsed definition is
    // kept: every page of the application flow needs it, and a cached instance also keeps its
    // compiled JSON Schema (FormValidation caches per instance; a fresh instance per request meant a
    // schema compile per request). The key includes the tenant, so a lookup from another
    // municipality never skips the tenant filter of the query. Versions are few (procedures × versions).
    private static readonly ConcurrentDictionary<(Guid? Tenant, Guid Procedure, int Version), ProcedureTemplate> Parsed = new();

    public static async Task<ProcedureTemplate> LoadAsync(MadoguchiDb db, Guid procedureId, int version, CancellationToken ct)
    {
        var key = (db.CurrentTenantId, procedureId, version);
        if (Parsed.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var definition = await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == procedureId && v.Number == version)
            .Select(v => v.Definition).SingleAsync(ct);
        return Parsed.GetOrAdd(key, JsonSerializer.Deserialize<ProcedureTemplate>(definition, TemplateLibrary.JsonOptions)!);
    }
}
