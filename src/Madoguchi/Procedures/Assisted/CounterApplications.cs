using System.Text.Json.Nodes;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Protection;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Apply;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Assisted;

/// <summary>
/// Counter applications (channel 窓口) for the Counter module: drafts without a resident account,
/// filled page by page with the same form engine and the same sealing of sensitive fields as online
/// drafts, and submitted through <see cref="Submission"/> so that numbering, queue and exactly-once
/// rules are the online ones.
/// </summary>
internal sealed class CounterApplications(MadoguchiDb db, FieldCipher cipher, AttachmentStore attachments, Submission submission, TimeProvider time)
    : IAssistedApplications
{
    private sealed record Loaded(Application Application, Procedure Procedure, ProcedureTemplate Template, JsonObject Data);

    public async Task<IReadOnlyList<AssistableProcedure>> ProceduresAsync(CancellationToken ct)
    {
        var rows = await db.Set<Procedure>().AsNoTracking().Where(p => p.Status == ProcedureStatus.Published)
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Key, p.Title, p.DepartmentId, p.LifeEvents }).ToListAsync(ct);
        return rows.Select(p => new AssistableProcedure(p.Id, p.Key, p.Title, p.DepartmentId,
            p.LifeEvents.Split('|', StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    public async Task<AssistedDraft?> StartAsync(Guid applicationId, Guid procedureId, VisitorFacts facts, CancellationToken ct)
    {
        if (await FindAsync(applicationId, ct) is { } existing)
        {
            return existing;
        }

        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Id == procedureId && p.Status == ProcedureStatus.Published, ct);
        if (procedure is null)
        {
            return null;
        }

        var template = await ProcedureDefinitions.LoadAsync(db, procedure.Id, procedure.PublishedVersion, ct);
        var today = DateOnly.FromDateTime(Wareki.ToJapanTime(time.GetUtcNow().UtcDateTime));
        var filled = CounterPrefill.For(template, facts, today);
        var draft = new Application
        {
            Id = applicationId, ProcedureId = procedure.Id, ProcedureVersion = procedure.PublishedVersion, ResidentId = null,
            Channel = ApplicationChannel.Counter, Status = ApplicationStatus.Draft, Data = "{}",
        };
        draft.Data = (await cipher.SealAsync(draft, template, filled.Data, ct)).ToJsonString();
        db.Add(draft);
        await db.SaveChangesAsync(ct);
        return Describe(draft, procedure, template, filled.Labels);
    }

    public async Task<AssistedDraft?> FindAsync(Guid applicationId, CancellationToken ct) =>
        await LoadAsync(applicationId, ct) is { } loaded ? Describe(loaded.Application, loaded.Procedure, loaded.Template, []) : null;

    public async Task CarryOverAsync(Guid sourceId, Guid targetId, CancellationToken ct)
    {
        var source = await LoadAsync(sourceId, ct);
        var target = await LoadAsync(targetId, ct);
        if (source is null || target is null || target.Application.Status != ApplicationStatus.Draft)
        {
            return;
        }

        var known = new Dictionary<string, JsonNode>();
        foreach (var (property, pointer, _) in CounterPrefill.OwnFactPointers(source.Template))
        {
            if (!known.ContainsKey(property) && DataPointer.Get(source.Data, pointer) is JsonValue value && value.ToString().Length > 0)
            {
                known[property] = value.DeepClone();
            }
        }

        var data = target.Data;
        var changed = false;
        foreach (var (property, pointer, _) in CounterPrefill.OwnFactPointers(target.Template))
        {
            if (DataPointer.Get(data, pointer) is null && known.TryGetValue(property, out var value))
            {
                DataPointer.Set(data, pointer, value.DeepClone());
                changed = true;
            }
        }

        if (changed)
        {
            target.Application.Data = (await cipher.SealAsync(target.Application, target.Template, data, ct)).ToJsonString();
            target.Application.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task<IHtmlContent?> RenderPageAsync(Guid applicationId, int page, CancellationToken ct) =>
        await LoadAsync(applicationId, ct) is { } loaded && page >= 0 && page < loaded.Template.Layout.Pages.Count
            ? FormRenderer.RenderPage(loaded.Template, page, loaded.Data)
            : null;

    public async Task<AssistedPageResult> SavePageAsync(Guid applicationId, int page, Microsoft.AspNetCore.Http.IFormCollection form, bool validate, int seenVersion, CancellationToken ct)
    {
        var loaded = await LoadAsync(applicationId, ct);
        if (loaded is null || page < 0 || page >= loaded.Template.Layout.Pages.Count)
        {
            return new AssistedPageResult(AssistedSaveOutcome.NotFound, null);
        }

        var application = loaded.Application;
        if (application.Status != ApplicationStatus.Draft)
        {
            return new AssistedPageResult(AssistedSaveOutcome.NotADraft, null);
        }

        var bound = FormBinder.BindPage(loaded.Template, page, loaded.Data, form);
        var errors = bound.Errors.ToList();
        foreach (var file in form.Files.Where(f => f.Length > 0 && f.Name.StartsWith("file:", StringComparison.Ordinal)))
        {
            var attachment = loaded.Template.Attachments.FirstOrDefault(a => a.Key == file.Name["file:".Length..]);
            if (attachment is not null && await attachments.SaveAsync(application.Id, attachment, file, ct) is { } refused)
            {
                errors.Add(new FormError(file.Name, refused));
            }
        }

        db.Entry(application).Property(a => a.Version).OriginalValue = seenVersion;
        application.Data = (await cipher.SealAsync(application, loaded.Template, bound.Data, ct)).ToJsonString();
        application.CurrentPage = page;
        application.UpdatedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new AssistedPageResult(AssistedSaveOutcome.Conflict, null);
        }

        if (validate && !bound.ItemsChanged)
        {
            errors.AddRange(FormValidation.ForPage(loaded.Template, page, bound.Data));
        }

        return errors.Count > 0 || bound.ItemsChanged
            ? new AssistedPageResult(AssistedSaveOutcome.Saved, FormRenderer.RenderPage(loaded.Template, page, bound.Data, errors, bound.AttemptedValues))
            : new AssistedPageResult(AssistedSaveOutcome.Saved, null);
    }

    public async Task<AssistedReview?> ReviewAsync(Guid applicationId, CancellationToken ct)
    {
        if (await LoadAsync(applicationId, ct) is not { } loaded)
        {
            return null;
        }

        var template = loaded.Template;
        var sections = FormSummary.Of(template, loaded.Data)
            .Select(s => new AssistedSection(s.Page, s.Title, s.Rows.Select(r => (r.Label, r.Value)).ToList())).ToList();
        var problems = FormValidation.Whole(template, loaded.Data)
            .Select(e => new AssistedProblem(FormSummary.PageOf(template, e.Pointer), FormSummary.LabelOf(template, e.Pointer), e.Message))
            .ToList();
        var uploaded = await db.Set<ApplicationAttachment>().Where(a => a.ApplicationId == applicationId).Select(a => a.AttachmentKey).ToListAsync(ct);
        foreach (var required in template.Attachments.Where(a => a.Required && !uploaded.Contains(a.Key)))
        {
            problems.Add(new AssistedProblem(FormSummary.PageOfAttachment(template, required.Key), required.Label, "添付してください。"));
        }

        return new AssistedReview(loaded.Procedure.Title, loaded.Application.Version, sections, problems, loaded.Application.ReceiptNumber);
    }

    public async Task<AssistedSubmitResult> SubmitAsync(Guid applicationId, int confirmedVersion, Guid staffId, Guid? residentId, CancellationToken ct)
    {
        if (await ReviewAsync(applicationId, ct) is not { } review)
        {
            return new AssistedSubmitResult(AssistedSubmitOutcome.NotFound);
        }

        if (review.ReceiptNumber is null && review.Problems.Count > 0)
        {
            return new AssistedSubmitResult(AssistedSubmitOutcome.Incomplete);
        }

        db.ChangeTracker.Clear();
        var (receipt, refused) = await submission.SubmitAtCounterAsync(applicationId, confirmedVersion, staffId, residentId, ct);
        return refused switch
        {
            null => new AssistedSubmitResult(receipt!.AlreadySubmitted ? AssistedSubmitOutcome.AlreadySubmitted : AssistedSubmitOutcome.Submitted, receipt.Number, receipt.SubmittedAt),
            Submission.Refusal.ChangedSinceConfirmed => new AssistedSubmitResult(AssistedSubmitOutcome.ChangedSinceConfirmed),
            Submission.Refusal.ProcedureNotOpen => new AssistedSubmitResult(AssistedSubmitOutcome.ProcedureNotOpen),
            _ => new AssistedSubmitResult(AssistedSubmitOutcome.NotFound),
        };
    }

    /// <summary>A counter application of the current municipality (an online one is never reachable here).</summary>
    private readonly List<string> _discardedFiles = [];

    public async Task<bool> DiscardDraftAsync(Guid applicationId, CancellationToken ct)
    {
        var draft = await db.Set<Application>()
            .SingleOrDefaultAsync(a => a.Id == applicationId && a.Channel == ApplicationChannel.Counter && a.Status == ApplicationStatus.Draft, ct);
        if (draft is null)
        {
            return false;
        }

        // Removed as tracked entities, so the audit trail records each deletion.
        var files = await db.Set<ApplicationAttachment>().Where(f => f.ApplicationId == applicationId).ToListAsync(ct);
        _discardedFiles.AddRange(files.Select(attachments.PathOf));
        db.RemoveRange(files);
        db.Remove(draft);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public void DeleteDiscardedFiles()
    {
        foreach (var path in _discardedFiles)
        {
            File.Delete(path);
        }

        _discardedFiles.Clear();
    }

    private async Task<Loaded?> LoadAsync(Guid applicationId, CancellationToken ct)
    {
        var application = await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == applicationId && a.Channel == ApplicationChannel.Counter, ct);
        if (application is null)
        {
            return null;
        }

        var procedure = await db.Set<Procedure>().SingleAsync(p => p.Id == application.ProcedureId, ct);
        var template = await ProcedureDefinitions.LoadAsync(db, procedure.Id, application.ProcedureVersion, ct);
        return new Loaded(application, procedure, template, await cipher.OpenAsync(application, ct));
    }

    private static AssistedDraft Describe(Application application, Procedure procedure, ProcedureTemplate template, IReadOnlyList<string> prefilled) =>
        new(application.Id, procedure.Id, procedure.Title, procedure.DepartmentId, template.Layout.Pages.Select(p => p.Title).ToList(),
            application.Version, application.ReceiptNumber, application.SubmittedAt, prefilled);
}
