using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Workflow;

/// <summary>
/// An application's history, message thread and notes, as staff read them (with names and notes) or
/// as the resident does (their own steps and the department's, no internal steps, no notes).
/// <c>Who</c> is a staff member's name, or one of the Japanese keys 申請者 / 担当課.
/// </summary>
public sealed record CaseFile(IReadOnlyList<CaseFile.Step> History, IReadOnlyList<CaseFile.Message> Messages, IReadOnlyList<CaseFile.Note> Notes)
{
    public const string Applicant = "申請者";
    public const string Department = "担当課";

    public sealed record Step(DateTime At, ApplicationEventKind Kind, string Who, string? Text);
    public sealed record Message(DateTime At, bool FromResident, string Who, string Body);
    public sealed record Note(DateTime At, string Who, string Body);

    /// <summary>The most recent correction request, while one is open.</summary>
    public string? OpenCorrection(Applications.ApplicationStatus status) =>
        status == Applications.ApplicationStatus.CorrectionRequested
            ? History.LastOrDefault(s => s.Kind == ApplicationEventKind.CorrectionRequested)?.Text
            : null;

    /// <summary>The department's latest correction request, shown above the form while the resident corrects it.</summary>
    public static Task<string?> LatestCorrectionAsync(MadoguchiDb db, Guid applicationId, CancellationToken ct) =>
        db.Set<ApplicationEvent>().Where(e => e.ApplicationId == applicationId && e.Kind == ApplicationEventKind.CorrectionRequested)
            .OrderByDescending(e => e.At).Select(e => e.Text).FirstOrDefaultAsync(ct);

    public static async Task<CaseFile> ForStaffAsync(MadoguchiDb db, Guid applicationId, CancellationToken ct)
    {
        var events = await db.Set<ApplicationEvent>().Where(e => e.ApplicationId == applicationId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var messages = await db.Set<ApplicationMessage>().Where(m => m.ApplicationId == applicationId).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        var notes = await db.Set<ApplicationNote>().Where(n => n.ApplicationId == applicationId).OrderBy(n => n.At).ThenBy(n => n.Id).ToListAsync(ct);
        var staffIds = events.Where(e => e.Actor == EventActor.Staff).Select(e => e.ActorId)
            .Concat(messages.Select(m => m.StaffId)).Concat(notes.Select(n => (Guid?)n.StaffId))
            .OfType<Guid>().Distinct().ToList();
        var names = await db.Users.Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string Staff(Guid? id) => id is { } s && names.TryGetValue(s, out var name) ? name : Department;
        return new CaseFile(
            events.Select(e => new Step(e.At, e.Kind, e.Actor == EventActor.Resident ? Applicant : Staff(e.ActorId), e.Text)).ToList(),
            messages.Select(m => new Message(m.At, m.FromResident, m.FromResident ? Applicant : Staff(m.StaffId), m.Body)).ToList(),
            notes.Select(n => new Note(n.At, Staff(n.StaffId), n.Body)).ToList());
    }

    /// <summary>Staff are named by their department only: a resident deals with the department, not with a person.</summary>
    public static async Task<CaseFile> ForResidentAsync(MadoguchiDb db, Guid applicationId, CancellationToken ct)
    {
        var events = await db.Set<ApplicationEvent>().Where(e => e.ApplicationId == applicationId && e.Kind != ApplicationEventKind.Assigned)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var messages = await db.Set<ApplicationMessage>().Where(m => m.ApplicationId == applicationId).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        return new CaseFile(
            events.Where(e => e.VisibleToResident).Select(e => new Step(e.At, e.Kind, e.Actor == EventActor.Resident ? Applicant : Department, e.Text)).ToList(),
            messages.Select(m => new Message(m.At, m.FromResident, m.FromResident ? Applicant : Department, m.Body)).ToList(),
            []);
    }
}
