using System.Text;
using Madoguchi.Disaster.Shelters;
using Madoguchi.Platform.Csv;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.SafetyChecks;

/// <summary>
/// The answers for the welfare department, as CSV in UTF-8 with BOM (default) or Shift_JIS
/// (?encoding=shift_jis, for older Excel): one row per person with the answer and the calls made.
/// </summary>
public static class SafetyExport
{
    public static void MapSafetyExport(this WebApplication app) =>
        app.MapGet("/{tenant:municipality}/staff/disaster/safety/{id:guid}/export.csv", ExportAsync).RequireAuthorization(StaffPolicies.TenantStaff);

    private static async Task<IResult> ExportAsync(Guid id, string tenant, string? encoding, HttpContext http, MadoguchiDb db, DisasterAccess access, CancellationToken ct)
    {
        if (!DisasterAccess.IsStaff(http.User, await access.SettingsAsync(ct)))
        {
            return TypedResults.Forbid();
        }

        var campaign = await db.Set<SafetyCampaign>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        var targets = await db.Set<SafetyTarget>().Where(t => t.CampaignId == id).OrderBy(t => t.Area).ThenBy(t => t.Name).ToListAsync(ct);
        var ids = targets.Select(t => t.Id).ToList();
        var calls = await db.Set<FollowUpCall>().Where(c => ids.Contains(c.TargetId)).OrderBy(c => c.At).ToListAsync(ct);
        var text = new StringBuilder("氏名,地区,電話番号,メールアドレス,回答,避難所,メッセージ,回答日時,電話の記録\r\n");
        foreach (var t in targets)
        {
            var log = string.Join(" / ", calls.Where(c => c.TargetId == t.Id).Select(c => $"{Wareki.DateAndTime(c.At)} {SafetyLabels.Call(c.Result)}{(c.Note is null ? "" : "：" + c.Note)}（{c.ByName}）"));
            CsvField.AppendRecord(text, new[]
            {
                t.Name, t.Area, t.Phone, t.Email, SafetyLabels.Answer(t.Answer), t.ShelterName, t.AnswerMessage,
                t.AnsweredAt is { } at ? Wareki.DateAndTime(at) : "", log,
            });
        }

        byte[] bytes;
        if (string.Equals(encoding, "shift_jis", StringComparison.OrdinalIgnoreCase))
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            bytes = Encoding.GetEncoding(932).GetBytes(text.ToString());
            return TypedResults.File(bytes, "text/csv; charset=shift_jis", $"{tenant}_anpi_{id:N}.csv");
        }

        bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{tenant}_anpi_{id:N}.csv");
    }
}
