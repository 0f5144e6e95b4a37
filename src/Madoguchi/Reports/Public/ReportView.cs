using Madoguchi.Platform.Data;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Photos;
using Madoguchi.Reports.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Public;

/// <summary>What is public of a report (shared by the public page and the staff page, which adds internal notes).</summary>
public sealed record ReportView(
    Report Report, string CategoryName, IReadOnlyList<(string Label, string Answer)> Answers, IReadOnlyList<Guid> Photos,
    IReadOnlyList<ReportUpdate> History)
{
    public static async Task<ReportView?> LoadAsync(MadoguchiDb db, Guid id, CancellationToken ct)
    {
        var report = await db.Set<Report>().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return null;
        }

        var category = await db.Set<ReportCategory>().AsNoTracking().SingleAsync(c => c.Id == report.CategoryId, ct);
        var given = CategoryQuestion.ParseAnswers(report.AnswersJson);
        var answers = category.Questions.Where(q => given.ContainsKey(q.Code)).Select(q => (q.Label, given[q.Code])).ToList();
        var photos = await db.Set<ReportPhoto>().Where(p => p.ReportId == id).OrderBy(p => p.CreatedAt).Select(p => p.Id).ToListAsync(ct);
        var history = await db.Set<ReportUpdate>().AsNoTracking().Where(u => u.ReportId == id).OrderBy(u => u.At).ToListAsync(ct);
        return new ReportView(report, category.Name, answers, photos, history);
    }
}
