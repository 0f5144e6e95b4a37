using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Residents;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Apply;

/// <summary>A resident's own application with the procedure version it was made with.</summary>
public sealed record OwnApplication(Application Application, Procedure Procedure, ProcedureTemplate Template)
{
    /// <summary>The data with its sealed values opened (<see cref="SensitiveFields"/>), as JSON.</summary>
    public string? OpenedData { get; init; }

    /// <summary>A fresh copy of the (opened) data on each read, so a caller may change it.</summary>
    public JsonObject Data => JsonNode.Parse(OpenedData ?? Application.Data) as JsonObject ?? [];

    /// <summary>Another resident's application, or one of another municipality, is simply not found.</summary>
    public static async Task<OwnApplication?> LoadAsync(MadoguchiDb db, FieldCipher cipher, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (SignedInResident.Id(user) is not { } resident)
        {
            return null;
        }

        var application = await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == id && a.ResidentId == resident, ct);
        if (application is null)
        {
            return null;
        }

        var procedure = await db.Set<Procedure>().SingleAsync(p => p.Id == application.ProcedureId, ct);
        var template = await ProcedureDefinitions.LoadAsync(db, procedure.Id, application.ProcedureVersion, ct);
        return new OwnApplication(application, procedure, template) { OpenedData = (await cipher.OpenAsync(application, ct)).ToJsonString() };
    }
}
