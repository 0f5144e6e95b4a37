using System.Text.Json;
using System.Text.Json.Serialization;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Exports;

/// <summary>
/// One arrived application as core systems receive it (format <see cref="FormatName"/>, documented
/// in docs/api.md). The same document is the staff JSON download and the API's GET of one
/// application. Fields are only ever added within a format version; a change of meaning is a new
/// version.
/// </summary>
public sealed record ApplicationDocument(
    string Format,
    Guid Id,
    ApplicationDocument.ProcedureRef Procedure,
    ApplicationDocument.DepartmentRef Department,
    string ReceiptNumber,
    DateTime SubmittedAt,
    DateTime? DueAt,
    DateTime UpdatedAt,
    string Status,
    string Channel,
    JsonElement Data,
    IReadOnlyList<ApplicationDocument.Attachment> Attachments,
    [property: JsonIgnore] int Version = 0)
{
    /// <summary>The HTTP entity tag of this state of the application; a decision must name it in If-Match.</summary>
    [JsonIgnore]
    public string ETag => $"\"{Version}\"";

    public const string FormatName = "madoguchi.application.v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public sealed record ProcedureRef(Guid Id, string Key, int Version, string Title);

    public sealed record DepartmentRef(Guid Id, string Name);

    public sealed record Attachment(Guid Id, string Key, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAt);

    /// <summary>The document of an arrived application the given departments may see (null: any), or null when there is none.</summary>
    public static async Task<ApplicationDocument?> LoadAsync(MadoguchiDb db, FieldCipher cipher, Guid id, Func<Guid, bool> departmentVisible, CancellationToken ct)
    {
        var found = await (
                from x in db.Set<Application>().AsNoTracking()
                join p in db.Set<Procedure>() on x.ProcedureId equals p.Id
                join d in db.Set<Department>() on p.DepartmentId equals d.Id
                where x.Id == id && x.Status != ApplicationStatus.Draft && x.ReceiptNumber != null
                select new { Application = x, p.Key, p.Title, p.DepartmentId, DepartmentName = d.Name })
            .SingleOrDefaultAsync(ct);
        if (found is null || !departmentVisible(found.DepartmentId))
        {
            return null;
        }

        var a = found.Application;
        var attachments = await db.Set<ApplicationAttachment>().AsNoTracking().Where(x => x.ApplicationId == id)
            .OrderBy(x => x.UploadedAt)
            .Select(x => new Attachment(x.Id, x.AttachmentKey, x.FileName, x.ContentType, x.Size, x.Sha256, x.UploadedAt))
            .ToListAsync(ct);
        // Core systems need the real 個人番号: the document carries opened values (the read is logged by the caller).
        using var data = JsonDocument.Parse(await cipher.OpenJsonAsync(a.TenantId, a.Id, a.Data, ct));
        return new ApplicationDocument(FormatName, a.Id,
            new ProcedureRef(a.ProcedureId, found.Key, a.ProcedureVersion, found.Title),
            new DepartmentRef(found.DepartmentId, found.DepartmentName),
            a.ReceiptNumber!, Utc(a.SubmittedAt!.Value), a.DueAt is { } due ? Utc(due) : null, Utc(a.UpdatedAt),
            a.Status.ToString(), a.Channel.ToString(), data.RootElement.Clone(),
            attachments.Select(x => x with { UploadedAt = Utc(x.UploadedAt) }).ToList(), a.Version);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
