using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.RegularExpressions;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.OpenData.Publishing;

/// <summary>What became of a save: field messages (keys are <see cref="DatasetDraft"/> property names), or the saved dataset.</summary>
public sealed record DatasetSaveResult(Dataset? Dataset, IReadOnlyDictionary<string, List<string>> Errors, bool WaitsForReview = false, bool Conflict = false)
{
    public bool Saved => Dataset is not null && Errors.Count == 0 && !Conflict;
}

/// <summary>
/// Creates and changes datasets for the staff form and the CKAN write API alike: one set of rules
/// (required fields, URL name, department scope, standard, dates, tags). Where the municipality
/// requires review, a publisher's change to a public dataset is kept aside
/// (<see cref="Dataset.PendingChangesJson"/>) and goes live only when the DX office publishes, so
/// the public page keeps showing what was approved.
/// </summary>
public sealed partial class DatasetEditor(MadoguchiDb db, Publication publication, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The description staff work on: a change waiting for review, else what is live.</summary>
    public static DatasetDraft Current(Dataset dataset) =>
        dataset.PendingChangesJson is { } pending ? JsonSerializer.Deserialize<DatasetDraft>(pending, Json)! : DatasetDraft.Of(dataset);

    /// <param name="existing">Tracked, with its tags; null to create.</param>
    /// <param name="version">The version the editor saw (concurrency), for an existing dataset.</param>
    /// <param name="validateOnly">Only report the messages (the caller found other problems already).</param>
    public async Task<DatasetSaveResult> SaveAsync(Dataset? existing, DatasetDraft draft, DepartmentScope scope, int? version, CancellationToken ct, bool validateOnly = false)
    {
        Normalise(draft);
        var errors = await ValidateAsync(existing, draft, scope, ct);
        if (errors.Count > 0 || validateOnly)
        {
            return new DatasetSaveResult(null, errors);
        }

        var waits = false;
        if (existing is null)
        {
            existing = new Dataset { Name = draft.Name!, Title = draft.Title! };
            db.Add(existing);
            await ApplyAsync(db, existing, draft, time.GetUtcNow().UtcDateTime, ct);
        }
        else
        {
            if (version is { } v)
            {
                db.Entry(existing).Property(d => d.Version).OriginalValue = v;
            }

            if (existing.PublishedAt is not null && !scope.All && await publication.RequiresReviewAsync(ct))
            {
                existing.PendingChangesJson = JsonSerializer.Serialize(draft, Json);
                existing.ReviewRequestedAt ??= time.GetUtcNow().UtcDateTime;
                existing.UpdatedAt = time.GetUtcNow().UtcDateTime;
                waits = true;
            }
            else
            {
                await ApplyAsync(db, existing, draft, time.GetUtcNow().UtcDateTime, ct);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new DatasetSaveResult(null, new Dictionary<string, List<string>>(), Conflict: true);
        }
        catch (DbUpdateException)
        {
            // Two requests took the same URL name at the same moment: the unique index decided.
            db.ChangeTracker.Clear();
            return new DatasetSaveResult(null, new Dictionary<string, List<string>> { ["Name"] = [l["このURL名は既に使われています。別の名前にしてください。"].Value] });
        }

        return new DatasetSaveResult(existing, new Dictionary<string, List<string>>(), waits);
    }

    /// <summary>Writes a draft onto the live dataset (and clears any waiting change); tags must be loaded. Caller saves.</summary>
    public static async Task ApplyAsync(MadoguchiDb db, Dataset dataset, DatasetDraft draft, DateTime now, CancellationToken ct)
    {
        dataset.Name = draft.Name!;
        dataset.Title = draft.Title!;
        dataset.Description = draft.Description ?? "";
        dataset.DepartmentId = draft.DepartmentId!.Value;
        dataset.Licence = draft.Licence;
        dataset.UpdateFrequency = draft.UpdateFrequency;
        dataset.StandardCode = draft.StandardCode;
        dataset.SpatialCoverage = draft.SpatialCoverage ?? "";
        dataset.TemporalFrom = draft.TemporalFrom;
        dataset.TemporalTo = draft.TemporalTo;
        dataset.ContactName = draft.ContactName ?? "";
        dataset.ContactEmail = draft.ContactEmail ?? "";
        dataset.ContactPhone = draft.ContactPhone ?? "";
        dataset.UpdatedAt = now;
        dataset.PendingChangesJson = null;
        dataset.Tags.RemoveAll(t => !draft.Tags.Contains(t.Name));
        foreach (var tag in draft.Tags.Where(t => dataset.Tags.All(x => x.Name != t)))
        {
            // Added explicitly: a new tag with its key already set, found only through the collection,
            // would be taken for an existing row and updated (0 rows, a false concurrency conflict).
            var row = new DatasetTag { TenantId = dataset.TenantId, DatasetId = dataset.Id, Name = tag };
            db.Add(row);
            if (!dataset.Tags.Contains(row))
            {
                dataset.Tags.Add(row);
            }
        }

        var departmentName = await db.Departments.Where(d => d.Id == dataset.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        dataset.SearchText = SearchText.Of(dataset, departmentName, StandardDatasets.Find(dataset.StandardCode)?.Name);
    }

    private static void Normalise(DatasetDraft d)
    {
        d.Name = (d.Name ?? "").Trim().ToLowerInvariant();
        d.Title = d.Title?.Trim() ?? "";
        d.Description = d.Description?.Trim() ?? "";
        d.Tags = d.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().Take(20).ToList();
        d.StandardCode = d.StandardCode is { Length: > 0 } s ? s.Trim() : null;
        d.SpatialCoverage = d.SpatialCoverage?.Trim() ?? "";
        d.ContactName = d.ContactName?.Trim() ?? "";
        d.ContactEmail = d.ContactEmail?.Trim() ?? "";
        d.ContactPhone = d.ContactPhone?.Trim() ?? "";
        d.Licence = Enum.IsDefined(d.Licence) ? d.Licence : Licence.CcBy40;
        d.UpdateFrequency = Enum.IsDefined(d.UpdateFrequency) ? d.UpdateFrequency : UpdateFrequency.Irregular;
    }

    private async Task<Dictionary<string, List<string>>> ValidateAsync(Dataset? existing, DatasetDraft d, DepartmentScope scope, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(l[message].Value);

        if (d.Title!.Length == 0)
        {
            Add(nameof(d.Title), "タイトルを入力してください。");
        }
        else if (d.Title.Length > 200)
        {
            Add(nameof(d.Title), "タイトルは200文字以内で入力してください。");
        }

        if (d.Name!.Length == 0)
        {
            Add(nameof(d.Name), "URL名を入力してください。");
        }
        else if (d.Name.Length > 100)
        {
            Add(nameof(d.Name), "URL名は100文字以内で入力してください。");
        }
        else if (!UrlName().IsMatch(d.Name))
        {
            Add(nameof(d.Name), "URL名は半角英小文字・数字・ハイフン・アンダースコアで入力してください（例: evacuation-sites）。");
        }
        else if (await db.Set<Dataset>().AnyAsync(x => x.Name == d.Name && x.Id != (existing == null ? Guid.Empty : existing.Id), ct))
        {
            Add(nameof(d.Name), "このURL名は既に使われています。別の名前にしてください。");
        }

        if (d.Description!.Length > 20000)
        {
            Add(nameof(d.Description), "説明は20000文字以内で入力してください。");
        }

        if (d.DepartmentId is not { } department)
        {
            Add(nameof(d.DepartmentId), "担当課を選んでください。");
        }
        else if (!scope.Covers(department) || !await db.Departments.AnyAsync(x => x.Id == department, ct))
        {
            Add(nameof(d.DepartmentId), "担当課を選んでください。");
        }

        if (d.StandardCode is { } code && StandardDatasets.Find(code) is null)
        {
            Add(nameof(d.StandardCode), "標準データセットを一覧から選んでください。");
        }

        if (d.TemporalFrom is not null && d.TemporalTo is not null && d.TemporalTo < d.TemporalFrom)
        {
            Add(nameof(d.TemporalTo), "対象期間の終わりは始まりより後の日付にしてください。");
        }

        if (d.Tags.Any(t => t.Length > 50))
        {
            Add(nameof(d.Tags), "タグは1つ50文字以内にしてください。");
        }

        if (d.SpatialCoverage!.Length > 200)
        {
            Add(nameof(d.SpatialCoverage), "対象地域は200文字以内で入力してください。");
        }

        if (d.ContactName!.Length > 100)
        {
            Add(nameof(d.ContactName), "問い合わせ先は100文字以内で入力してください。");
        }

        if (d.ContactEmail!.Length > 254)
        {
            Add(nameof(d.ContactEmail), "メールアドレスは254文字以内で入力してください。");
        }
        else if (d.ContactEmail.Length > 0 && !new EmailAddressAttribute().IsValid(d.ContactEmail))
        {
            Add(nameof(d.ContactEmail), "メールアドレスの形式が正しくありません。");
        }

        if (d.ContactPhone!.Length > 30)
        {
            Add(nameof(d.ContactPhone), "電話番号は30文字以内で入力してください。");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex UrlName();
}
