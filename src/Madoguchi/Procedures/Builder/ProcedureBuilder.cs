using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// Storage of the builder: creates procedures, loads and saves working drafts with the draft's
/// Version as the concurrency check, publishes a draft as the next immutable version, and opens or
/// closes a procedure for residents.
/// </summary>
public sealed partial class ProcedureBuilder(MadoguchiDb db, TemplateLibrary templates)
{
    /// <param name="Version">The draft's concurrency version; 0 while the procedure has no draft row yet
    /// (its published definition is shown, and the first save creates the row).</param>
    public sealed record Loaded(Procedure Procedure, DraftDefinition Draft, int Version, DateTime? UpdatedAt);

    public sealed record PublishResult(int? Number, bool Conflict, IReadOnlyList<DefinitionProblem> Problems);

    public static readonly DefinitionProblem Conflict = new("他の職員がこの下書きを先に変更しました。最新の内容を表示しています。もう一度操作してください。");

    /// <summary>The procedure with its working draft, if it exists and <paramref name="user"/> may edit it.</summary>
    public async Task<Loaded?> LoadAsync(string key, ClaimsPrincipal user, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Key == key, ct);
        if (procedure is null || !BuilderAccess.CanEdit(user, procedure.DepartmentId))
        {
            return null;
        }

        var draft = await db.Set<ProcedureDraft>().AsNoTracking().Where(d => d.ProcedureId == procedure.Id)
            .Select(d => new { d.Definition, d.Version, d.UpdatedAt }).SingleOrDefaultAsync(ct);
        if (draft is not null)
        {
            return new Loaded(procedure, DraftDefinition.FromJson(draft.Definition), draft.Version, draft.UpdatedAt);
        }

        var published = await ProcedureDefinitions.LoadAsync(db, procedure.Id, procedure.PublishedVersion, ct);
        return new Loaded(procedure, DraftDefinition.From(published), 0, null);
    }

    /// <summary>Saves the draft unless someone saved it since <paramref name="seenVersion"/>; false on that conflict.</summary>
    public async Task<bool> SaveAsync(Loaded loaded, DraftDefinition draft, int seenVersion, Guid? staffId, CancellationToken ct)
    {
        draft.SetKey(loaded.Procedure.Key);
        if (await TrackDraftAsync(loaded.Procedure.Id, seenVersion, ct) is not { } row)
        {
            return false;
        }

        row.Definition = draft.ToJson();
        row.UpdatedAt = DateTime.UtcNow;
        row.UpdatedBy = staffId;
        return await TrySaveAsync(ct);
    }

    public async Task<PublishResult> PublishAsync(Loaded loaded, int seenVersion, ClaimsPrincipal user, Guid? staffId, CancellationToken ct)
    {
        loaded.Draft.SetKey(loaded.Procedure.Key);
        var template = loaded.Draft.ToTemplate();
        var problems = DefinitionCheck.Problems(template).ToList();
        var department = await db.Departments.Where(d => d.Name == template.Department).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        if (department is null)
        {
            problems.Add(new("担当課「{0}」がこの自治体にありません。基本情報で選び直してください。", template.Department));
        }
        else if (!BuilderAccess.CanEdit(user, department.Value))
        {
            problems.Add(new("担当課「{0}」の手続を公開する権限がありません。", template.Department));
        }

        if (problems.Count > 0)
        {
            return new PublishResult(null, false, problems);
        }

        // Publishing moves the draft's version too, so an edit made meanwhile is noticed, not published unseen.
        if (await TrackDraftAsync(loaded.Procedure.Id, seenVersion, ct) is not { } row)
        {
            return new PublishResult(null, true, []);
        }

        var definition = JsonSerializer.Serialize(template, TemplateLibrary.JsonOptions);
        row.Definition = definition;
        row.UpdatedAt = DateTime.UtcNow;
        row.UpdatedBy = staffId;
        var number = (await db.Set<ProcedureVersion>().Where(v => v.ProcedureId == loaded.Procedure.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        db.Add(new ProcedureVersion { ProcedureId = loaded.Procedure.Id, Number = number, Definition = definition, PublishedBy = staffId });
        var p = loaded.Procedure;
        p.DepartmentId = department!.Value;
        p.Title = template.Title;
        p.TitleEn = template.TitleEn;
        p.Description = template.Description;
        p.DescriptionEn = template.DescriptionEn;
        p.Category = template.Category;
        p.LifeEvents = Procedure.Joined(template.LifeEvents);
        p.Keywords = Procedure.Joined(template.Keywords);
        p.Assurance = template.Assurance;
        p.StandardProcessingDays = template.StandardProcessingDays;
        p.FeeYen = template.Fee.AmountYen;
        p.FeeNote = template.Fee.Note;
        p.Status = ProcedureStatus.Published;
        p.PublishedVersion = number;
        return await TrySaveAsync(ct) ? new PublishResult(number, false, []) : new PublishResult(null, true, []);
    }

    /// <summary>Replaces the draft with an imported definition file, only when it passes every check.</summary>
    public async Task<IReadOnlyList<DefinitionProblem>> ImportAsync(Loaded loaded, string json, int seenVersion, Guid? staffId, CancellationToken ct)
    {
        var (definition, problems) = DefinitionCheck.Parse(json);
        if (definition is null)
        {
            return problems;
        }

        // The key is the procedure's address; a file made for another procedure keeps this one's.
        var draft = DraftDefinition.From(definition with { Key = loaded.Procedure.Key });
        return await SaveAsync(loaded, draft, seenVersion, staffId, ct) ? [] : [Conflict];
    }

    /// <summary>Opens (a procedure with a published version) or closes a procedure for residents.</summary>
    public async Task<bool> SetStatusAsync(Procedure procedure, ProcedureStatus status, CancellationToken ct)
    {
        if (status == ProcedureStatus.Published && procedure.PublishedVersion == 0)
        {
            return false;
        }

        procedure.Status = status;
        return await TrySaveAsync(ct);
    }

    /// <summary>Creates a procedure, blank or from a shipped template, with its working draft; residents
    /// see it once its first version is published.</summary>
    public async Task<DefinitionProblem?> CreateAsync(string key, string title, Guid departmentId, string? templateKey, ClaimsPrincipal user, Guid? staffId, CancellationToken ct)
    {
        if (!ProcedureKey().IsMatch(key))
        {
            return new("手続のキー「{0}」は半角英小文字・数字・ハイフンで書いてください。", key);
        }

        var department = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(ct);
        if (department is null || !BuilderAccess.CanEdit(user, departmentId))
        {
            return new("選んだ課が見つかりません。");
        }

        var template = string.IsNullOrEmpty(templateKey) ? null : templates.Find(templateKey);
        if (!string.IsNullOrEmpty(templateKey) && template is null)
        {
            return new("選んだテンプレートが見つかりません。");
        }

        if (await db.Set<Procedure>().AnyAsync(p => p.Key == key, ct))
        {
            return new("手続のキー「{0}」は既に使われています。", key);
        }

        var draft = template is null ? DraftDefinition.Blank(key, title, department) : DraftDefinition.From(template with { Key = key, Title = title, Department = department });
        var t = draft.ToTemplate();
        var procedure = new Procedure
        {
            Key = key, TemplateKey = template?.Key, DepartmentId = departmentId, Title = title, TitleEn = t.TitleEn,
            Description = t.Description, DescriptionEn = t.DescriptionEn, Category = t.Category,
            LifeEvents = Procedure.Joined(t.LifeEvents), Keywords = Procedure.Joined(t.Keywords), Assurance = t.Assurance,
            StandardProcessingDays = t.StandardProcessingDays, FeeYen = t.Fee.AmountYen, FeeNote = t.Fee.Note,
            Status = ProcedureStatus.Draft, PublishedVersion = 0,
        };
        db.Add(procedure);
        db.Add(new ProcedureDraft { ProcedureId = procedure.Id, Definition = draft.ToJson(), Version = 1, UpdatedBy = staffId });
        return await TrySaveAsync(ct) ? null : new("手続のキー「{0}」は既に使われています。", key);
    }

    /// <summary>The draft row to change, with the version the editor saw as the one the UPDATE must
    /// still find; null when it is already known to have moved on.</summary>
    private async Task<ProcedureDraft?> TrackDraftAsync(Guid procedureId, int seenVersion, CancellationToken ct)
    {
        var row = await db.Set<ProcedureDraft>().SingleOrDefaultAsync(d => d.ProcedureId == procedureId, ct);
        if (row is null)
        {
            if (seenVersion != 0)
            {
                return null;
            }

            // The first save of a procedure that had only its published definition; the unique
            // (tenant, procedure) index refuses a second first save made at the same moment.
            row = new ProcedureDraft { ProcedureId = procedureId, Definition = "{}", Version = 1 };
            db.Add(row);
            return row;
        }

        if (row.Version != seenVersion)
        {
            return null;
        }

        db.Entry(row).Property(d => d.Version).OriginalValue = seenVersion;
        return row;
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrency conflict or a unique index: someone else's change won.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex ProcedureKey();
}
