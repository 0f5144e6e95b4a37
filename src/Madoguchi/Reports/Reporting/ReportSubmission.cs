using System.Net.Mail;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Photos;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Reporting;

/// <summary>
/// Checks and stores a new report, from the form or from Open311: a location is required (text, a
/// facility or coordinates), coordinates must lie inside the municipality's area, answers must fit
/// the category's questions. The report, its first history line, its photos and the reporter's
/// confirmation mail commit together.
/// </summary>
public sealed class ReportSubmission(MadoguchiDb db, TenantContext tenant, ReportMails mails)
{
    public sealed record Resolved(double? Latitude, double? Longitude, string Address);

    public async Task<(Resolved Location, List<DraftProblem> Problems)> CheckAsync(ReportDraft draft, CancellationToken ct)
    {
        var problems = new List<DraftProblem>();
        var description = draft.Description.Trim();
        if (description.Length == 0)
        {
            problems.Add(new(ReportFields.Description, "どのような状態かを入力してください。"));
        }
        else if (description.Length > Report.MaxDescription)
        {
            problems.Add(new(ReportFields.Description, $"内容は{Report.MaxDescription}文字以内で入力してください。"));
        }

        var (lat, lon, address) = (draft.Latitude, draft.Longitude, draft.Address.Trim());
        if (address.Length > Report.MaxAddress)
        {
            problems.Add(new(ReportFields.Location, $"場所は{Report.MaxAddress}文字以内で入力してください。"));
        }

        if (draft.FacilityId is { } facilityId)
        {
            var facility = await db.Set<PublicFacility>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == facilityId, ct);
            if (facility is null)
            {
                problems.Add(new(ReportFields.Facility, "選んだ施設が見つかりません。もう一度選んでください。"));
            }
            else if (lat is null)
            {
                (lat, lon) = (facility.Latitude, facility.Longitude);
                address = address.Length == 0 ? facility.Name : facility.Name + "（" + address + "）";
            }
        }

        if (lat is null != lon is null)
        {
            problems.Add(new(ReportFields.Latitude, "緯度と経度は両方とも入力してください。"));
        }
        else if (lat is { } la && lon is { } lo)
        {
            if (la is < -90 or > 90 || lo is < -180 or > 180)
            {
                problems.Add(new(ReportFields.Latitude, "緯度は-90から90、経度は-180から180の数で入力してください。"));
            }
            else if (await AreaAsync(ct) is { } area && !area.Contains(la, lo))
            {
                problems.Add(new(ReportFields.Latitude, $"この場所は{tenant.Name}の区域の外です。{tenant.Name}の中の場所を指定してください。"));
            }
        }
        else if (address.Length == 0 && draft.FacilityId is null)
        {
            problems.Add(new(ReportFields.Location, "場所を教えてください。住所や目印を書くか、近くの施設を選ぶか、緯度・経度を入力してください。"));
        }

        foreach (var question in draft.Category.Questions)
        {
            var answer = draft.Answers.GetValueOrDefault(question.Code)?.Trim() ?? "";
            if (answer.Length == 0 && question.Required)
            {
                problems.Add(new(ReportFields.Answer(question.Code), $"「{question.Label}」を入力してください。"));
            }
            else if (answer.Length > 0 && question.Choices.Count > 0 && !question.Choices.Contains(answer))
            {
                problems.Add(new(ReportFields.Answer(question.Code), $"「{question.Label}」は選択肢から選んでください。"));
            }
            else if (answer.Length > CategoryQuestion.MaxAnswerLength)
            {
                problems.Add(new(ReportFields.Answer(question.Code), $"「{question.Label}」は{CategoryQuestion.MaxAnswerLength}文字以内で入力してください。"));
            }
        }

        if (draft.Email is { Length: > 0 } email && !IsEmail(email))
        {
            problems.Add(new(ReportFields.Email, "メールアドレスの形式が正しくありません。"));
        }

        return (new Resolved(lat, lon, address), problems);
    }

    public async Task<AreaPolygon?> AreaAsync(CancellationToken ct) =>
        await db.Set<ReportArea>().Select(a => a.GeoJson).SingleOrDefaultAsync(ct) is { } json ? AreaPolygon.TryParse(json) : null;

    public static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && value.Contains('.', StringComparison.Ordinal);

    /// <summary>Stores a draft that <see cref="CheckAsync"/> passed.</summary>
    public async Task<Report> SubmitAsync(ReportDraft draft, Resolved location, CancellationToken ct)
    {
        var questions = draft.Category.Questions.Select(q => q.Code).ToHashSet();
        var answers = draft.Answers.Where(a => questions.Contains(a.Key) && a.Value.Trim().Length > 0)
            .ToDictionary(a => a.Key, a => a.Value.Trim());
        var report = new Report
        {
            CategoryId = draft.Category.Id, DepartmentId = draft.Category.DepartmentId, Status = ReportStatus.Received,
            Description = draft.Description.Trim(), Address = location.Address, FacilityId = draft.FacilityId,
            Latitude = location.Latitude, Longitude = location.Longitude, Cell = GridCells.Of(location.Latitude, location.Longitude), AnswersJson = CategoryQuestion.SerializeAnswers(answers),
            ReporterResidentId = draft.ResidentId, ApiClientId = draft.ApiClientId,
        };
        db.Add(report);
        db.Add(new ReportUpdate { ReportId = report.Id, Kind = ReportUpdateKind.Submitted, ToStatus = ReportStatus.Received, At = report.CreatedAt });

        if (draft.UploadKey is { } key)
        {
            var photos = await db.Set<ReportPhoto>().Where(p => p.UploadKey == key && p.ReportId == null).ToListAsync(ct);
            photos.ForEach(p => p.ReportId = report.Id);
            report.PhotoId = photos.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).FirstOrDefault()?.Id;
        }

        if (draft.Email is { Length: > 0 } email)
        {
            var token = ReportFollower.NewToken();
            var follower = new ReportFollower
            {
                ReportId = report.Id, Email = email, IsReporter = true, TokenHash = ReportFollower.Hash(token),
                ConfirmedAt = draft.EmailVerified ? DateTime.UtcNow : null,
            };
            db.Add(follower);
            if (!draft.EmailVerified)
            {
                mails.ConfirmFollowing(follower, token, draft.Category.Name);
            }
        }

        await db.SaveChangesAsync(ct);
        return report;
    }
}
