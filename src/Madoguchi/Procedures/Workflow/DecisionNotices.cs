using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Notices;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Workflow;

/// <summary>The 決定通知書 of a decided application, drawn from what was recorded at the decision.</summary>
public static class DecisionNotices
{
    /// <summary>The PDF, or null while the application is not decided.</summary>
    public static async Task<byte[]?> RenderAsync(MadoguchiDb db, string municipalityName, Application application, Procedure procedure, CancellationToken ct)
    {
        if (!ReviewTransitions.IsDecided(application.Status) || application.DecidedAt is not { } decidedAt)
        {
            return null;
        }

        var department = await db.Departments.Where(d => d.Id == procedure.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        var data = JsonNode.Parse(application.Data) as JsonObject ?? [];
        return DecisionNoticePdf.Render(new DecisionNotice(
            municipalityName, department, procedure.Title, application.ReceiptNumber!, application.SubmittedAt!.Value, decidedAt,
            application.Status == ApplicationStatus.Approved,
            // A form that names nobody still gets a notice: it is addressed to the applicant of the 到達番号.
            ApplicantName.Of(data) ?? "申請者",
            application.DecisionReason ?? "",
            $"第{application.ReceiptNumber}号"));
    }

    public static string FileName(Application application) => $"decision-notice-{application.ReceiptNumber}.pdf";
}
