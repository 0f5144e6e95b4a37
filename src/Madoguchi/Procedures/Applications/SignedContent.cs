using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Signatures;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Applications;

/// <summary>
/// What a resident's signature covers: the application as canonical JSON (RFC 8785) — its data,
/// the SHA-256 of each attachment, the procedure and its version, the municipality and the
/// application's id. Any change to one of them changes the digest, so a signature made before
/// a correction no longer matches the corrected application.
/// </summary>
public static class SignedContent
{
    public sealed record Document(byte[] Bytes, string Sha256);

    public static async Task<Document> BuildAsync(MadoguchiDb db, Application application, string procedureKey, string tenantCode, JsonObject data, CancellationToken ct)
    {
        var attachments = await db.Set<ApplicationAttachment>().AsNoTracking().Where(a => a.ApplicationId == application.Id)
            .OrderBy(a => a.AttachmentKey).ThenBy(a => a.Sha256)
            .Select(a => new { a.AttachmentKey, a.FileName, a.Sha256 }).ToListAsync(ct);
        var document = new JsonObject
        {
            ["type"] = "madoguchi-application/1",
            ["tenant"] = new JsonObject { ["id"] = application.TenantId.ToString(), ["code"] = tenantCode },
            ["procedure"] = new JsonObject { ["key"] = procedureKey, ["version"] = application.ProcedureVersion },
            ["application"] = application.Id.ToString(),
            ["data"] = data.DeepClone(),
            ["attachments"] = new JsonArray(attachments
                .Select(a => (JsonNode)new JsonObject { ["key"] = a.AttachmentKey, ["fileName"] = a.FileName, ["sha256"] = a.Sha256 })
                .ToArray()),
        };
        var bytes = CanonicalJson.Serialize(document);
        return new Document(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
