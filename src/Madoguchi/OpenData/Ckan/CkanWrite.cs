using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Publishing;
using Madoguchi.OpenData.Standards;
using Madoguchi.OpenData.Tokens;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Ckan;

/// <summary>
/// CKAN's write actions with an API token: package_create, package_update (and package_patch),
/// resource_create and resource_update. They go through the staff pages' own services
/// (<see cref="DatasetEditor"/>, <see cref="ResourceUploader"/>, <see cref="Publication"/>), so the
/// rules, the department scope, the review rule and ingest are the same.
/// </summary>
public static class CkanWrite
{
    public static readonly IReadOnlySet<string> Actions = new HashSet<string> { "package_create", "package_update", "package_patch", "resource_create", "resource_update" };

    /// <summary>Well above the largest file, so a file a little over it is answered with a message instead of a cut connection.</summary>
    public const long UploadRequestLimit = 1024L * 1024 * 1024;

    /// <summary>CKAN's field names for the editor's and uploader's fields.</summary>
    private static readonly Dictionary<string, string> FieldNames = new()
    {
        [nameof(DatasetDraft.Title)] = "title", [nameof(DatasetDraft.Name)] = "name", [nameof(DatasetDraft.Description)] = "notes",
        [nameof(DatasetDraft.Tags)] = "tags", [nameof(DatasetDraft.DepartmentId)] = "owner_org", [nameof(DatasetDraft.StandardCode)] = "standard_dataset",
        [nameof(DatasetDraft.SpatialCoverage)] = "spatial_coverage", [nameof(DatasetDraft.TemporalFrom)] = "temporal_start",
        [nameof(DatasetDraft.TemporalTo)] = "temporal_end", [nameof(DatasetDraft.ContactName)] = "maintainer",
        [nameof(DatasetDraft.ContactEmail)] = "maintainer_email", [nameof(DatasetDraft.ContactPhone)] = "contact_phone",
        ["ResourceId"] = "id", ["LinkUrl"] = "url", ["File"] = "upload",
    };

    /// <summary>Multipart uploads get their own route with a large request limit; every other action keeps the server's default.</summary>
    public static void MapCkanUploads(this WebApplication app)
    {
        app.MapPost("/{tenant:municipality}/api/3/action/{action:regex(^resource_(create|update)$)}",
                async (string action, HttpContext http, CancellationToken ct) =>
                {
                    var (args, error) = await CkanArgs.ReadAsync(http.Request, ct);
                    return args is null ? CkanResults.BadRequest(http, action, error!) : await RunAsync(http, action, args, ct);
                })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithFormOptions(multipartBodyLengthLimit: UploadRequestLimit);
    }

    public static async Task<IResult> RunAsync(HttpContext http, string action, CkanArgs args, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return CkanResults.BadRequest(http, action, "POST でリクエストしてください。");
        }

        var services = http.RequestServices;
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return CkanResults.Forbidden(http, action, "APIトークンが必要です（Authorization ヘッダー）。");
        }

        var actor = await services.GetRequiredService<ApiTokens>().AuthenticateAsync(ApiTokens.FromHeader(header), ct);
        if (actor is null)
        {
            return CkanResults.Forbidden(http, action, "APIトークンが正しくないか、取り消されたか、期限が切れています。");
        }

        // The audit trail names the token's owner, as if they had used the staff pages.
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, actor.StaffUserId.ToString()), new Claim(AuditActor.ActorKindClaim, "staff"), new Claim(ClaimTypes.Name, actor.Name)], "ApiToken"));

        return action switch
        {
            "package_create" => await PackageCreateAsync(http, action, args, actor, ct),
            "package_update" or "package_patch" => await PackageUpdateAsync(http, action, args, actor, ct),
            _ => await ResourceAsync(http, action, args, actor, ct),
        };
    }

    private static async Task<IResult> PackageCreateAsync(HttpContext http, string action, CkanArgs args, TokenActor actor, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<MadoguchiDb>();
        var draft = new DatasetDraft();
        if (actor.Scope is { All: false, Departments.Count: 1 })
        {
            draft.DepartmentId = actor.Scope.Departments.Single();
        }

        var errors = await FillAsync(db, draft, args, ct);
        if (draft.DepartmentId is { } department && !actor.Scope.Covers(department))
        {
            return CkanResults.Forbidden(http, action, "このAPIトークンでは、この担当課（organization）にデータセットを作れません。");
        }

        if (errors.Count > 0)
        {
            return CkanResults.Validation(http, action, errors);
        }

        var result = await http.RequestServices.GetRequiredService<DatasetEditor>().SaveAsync(null, draft, actor.Scope, null, ct);
        return result.Saved ? await PackageAsync(http, action, result.Dataset!.Id, ct) : Failed(http, action, result);
    }

    private static async Task<IResult> PackageUpdateAsync(HttpContext http, string action, CkanArgs args, TokenActor actor, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<MadoguchiDb>();
        if (args["id"] is not { } idOrName)
        {
            return CkanResults.Validation(http, action, "id", "Missing value");
        }

        var id = Guid.TryParse(idOrName, out var g) ? g : Guid.Empty;
        var dataset = await db.Set<Dataset>().Include(d => d.Tags).FirstOrDefaultAsync(d => d.Id == id || d.Name == idOrName, ct);
        if (dataset is null)
        {
            return CkanResults.NotFound(http, action);
        }

        if (!actor.Scope.Covers(dataset.DepartmentId))
        {
            return CkanResults.Forbidden(http, action, "このAPIトークンでは、このデータセットを変更できません。");
        }

        var draft = DatasetEditor.Current(dataset);
        var errors = await FillAsync(db, draft, args, ct);
        if (draft.DepartmentId is { } department && !actor.Scope.Covers(department))
        {
            return CkanResults.Forbidden(http, action, "このAPIトークンでは、この担当課（organization）にデータセットを移せません。");
        }

        if (errors.Count > 0)
        {
            return CkanResults.Validation(http, action, errors);
        }

        var result = await http.RequestServices.GetRequiredService<DatasetEditor>().SaveAsync(dataset, draft, actor.Scope, null, ct);
        if (!result.Saved)
        {
            return Failed(http, action, result);
        }

        // private=false is the API's 公開する: the same blockers and review rule as the button.
        if (args["private"] is { } isPrivate)
        {
            var publication = http.RequestServices.GetRequiredService<Publication>();
            if (isPrivate is "false" or "False")
            {
                var blockers = await publication.BlockersAsync(dataset.Id, ct);
                if (blockers.Count > 0)
                {
                    return CkanResults.Validation(http, action, [new("private", blockers.ToList())]);
                }

                await publication.PublishOrAskAsync(dataset, actor.Scope.All, ct);
            }
            else if (isPrivate is "true" or "True" && dataset.PublishedAt is not null)
            {
                Publication.Withdraw(dataset);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return CkanResults.Validation(http, action, "id", "他の職員が先にこのデータセットを更新しました。もう一度操作してください。");
            }
        }

        return await PackageAsync(http, action, dataset.Id, ct);
    }

    private static async Task<IResult> ResourceAsync(HttpContext http, string action, CkanArgs args, TokenActor actor, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<MadoguchiDb>();
        Guid? resourceId = null;
        Guid datasetId;
        if (action == "resource_update")
        {
            if (!Guid.TryParse(args["id"], out var rid) || await db.Set<DatasetResource>().Where(r => r.Id == rid).Select(r => (Guid?)r.DatasetId).FirstOrDefaultAsync(ct) is not { } owner)
            {
                return args["id"] is null ? CkanResults.Validation(http, action, "id", "Missing value") : CkanResults.NotFound(http, action);
            }

            (resourceId, datasetId) = (rid, owner);
        }
        else
        {
            var idOrName = args["package_id"];
            if (idOrName is null)
            {
                return CkanResults.Validation(http, action, "package_id", "Missing value");
            }

            var id = Guid.TryParse(idOrName, out var g) ? g : Guid.Empty;
            if (await db.Set<Dataset>().Where(d => d.Id == id || d.Name == idOrName).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct) is not { } found)
            {
                return CkanResults.NotFound(http, action);
            }

            datasetId = found;
        }

        var dataset = await db.Set<Dataset>().AsNoTracking().SingleAsync(d => d.Id == datasetId, ct);
        if (!actor.Scope.Covers(dataset.DepartmentId))
        {
            return CkanResults.Forbidden(http, action, "このAPIトークンでは、このデータセットを変更できません。");
        }

        var file = args.Files?.GetFile("upload");
        var format = Vocabulary.FormatOf(args["format"]) ?? (file is null ? ResourceFormat.Link : FormatOfFile(file.FileName));
        if (file is null && args["url"] is not null && resourceId is null)
        {
            format = ResourceFormat.Link;
        }

        var submission = new ResourceSubmission(resourceId, args["name"] ?? file?.FileName, format, args["url"], file?.FileName, file?.Length,
            file is null ? null : file.OpenReadStream, actor.Name);
        var result = await http.RequestServices.GetRequiredService<ResourceUploader>().SubmitAsync(dataset, submission, ct);
        if (result.Resource is null)
        {
            return CkanResults.Validation(http, action, result.Errors.Select(e => new KeyValuePair<string, List<string>>(FieldNames.GetValueOrDefault(e.Key, e.Key), e.Value)));
        }

        if (args["description"] is { } description && description.Length <= 2000)
        {
            result.Resource.Description = description;
            await db.SaveChangesAsync(ct);
        }

        var position = await db.Set<DatasetResource>().CountAsync(r => r.DatasetId == dataset.Id && r.SortOrder < result.Resource.SortOrder, ct);
        var resource = CkanDictionaries.Resource(http, dataset, result.Resource, result.Upload, position);
        resource["upload_state"] = result.Upload?.State.ToString().ToLowerInvariant();
        return CkanResults.Ok(http, action, resource);
    }

    private static ResourceFormat FormatOfFile(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".json" => ResourceFormat.Json,
        ".geojson" => ResourceFormat.GeoJson,
        ".xlsx" => ResourceFormat.Xlsx,
        ".pdf" => ResourceFormat.Pdf,
        _ => ResourceFormat.Csv,
    };

    private static IResult Failed(HttpContext http, string action, DatasetSaveResult result) => result.Conflict
        ? CkanResults.Validation(http, action, "id", "他の職員が先にこのデータセットを更新しました。もう一度操作してください。")
        : CkanResults.Validation(http, action, result.Errors.Select(e => new KeyValuePair<string, List<string>>(FieldNames.GetValueOrDefault(e.Key, e.Key), e.Value)));

    private static async Task<IResult> PackageAsync(HttpContext http, string action, Guid id, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<MadoguchiDb>();
        var package = (await http.RequestServices.GetRequiredService<CkanDictionaries>().PackagesAsync(http, [id], ct))[0];
        var state = await db.Set<Dataset>().Where(d => d.Id == id).Select(d => new { d.PublishedAt, d.ReviewRequestedAt, Pending = d.PendingChangesJson != null }).SingleAsync(ct);
        package["private"] = state.PublishedAt is null;
        package["review_requested"] = state.ReviewRequestedAt is not null;
        package["changes_waiting_for_review"] = state.Pending;
        return CkanResults.Ok(http, action, package);
    }

    /// <summary>Copies the parameters the client sent onto the draft (absent ones keep their value, like package_patch); returns what cannot be read.</summary>
    private static async Task<Dictionary<string, List<string>>> FillAsync(MadoguchiDb db, DatasetDraft draft, CkanArgs args, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        var extras = Extras(args["extras"], out var extrasOk);
        if (!extrasOk)
        {
            Add("extras", "extras は [{\"key\": …, \"value\": …}] の形で送ってください。");
        }

        string? Get(string key) => args.Has(key) ? args[key] ?? "" : extras.TryGetValue(key, out var v) ? v : null;

        if (Get("name") is { } name) { draft.Name = name; }
        if (Get("title") is { } title) { draft.Title = title; }
        if (Get("notes") is { } notes) { draft.Description = notes; }
        if (Get("maintainer") is { } maintainer) { draft.ContactName = maintainer; }
        if (Get("maintainer_email") is { } email) { draft.ContactEmail = email; }
        if (Get("contact_phone") is { } phone) { draft.ContactPhone = phone; }
        if (Get("spatial_coverage") is { } spatial) { draft.SpatialCoverage = spatial; }

        if (Get("owner_org") is { Length: > 0 } org)
        {
            var departmentId = Guid.TryParse(org, out var g) ? g : Guid.Empty;
            var department = await db.Departments.Where(d => d.Id == departmentId || d.Name == org).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
            if (department is null)
            {
                Add("owner_org", "担当課（organization）が見つかりません。organization_list の id を指定してください。");
            }

            draft.DepartmentId = department;
        }

        if (Get("license_id") is { Length: > 0 } licence)
        {
            if (Vocabulary.LicenceOf(licence) is { } l) { draft.Licence = l; }
            else { Add("license_id", "ライセンスは CC-BY-4.0 または PDL-1.0 を指定してください。"); }
        }

        if (Get("update_frequency") is { Length: > 0 } frequency)
        {
            if (Enum.TryParse<UpdateFrequency>(frequency, ignoreCase: true, out var f) && Enum.IsDefined(f) && !int.TryParse(frequency, out _)) { draft.UpdateFrequency = f; }
            else { Add("update_frequency", "更新頻度は irregular, daily, weekly, monthly, quarterly, yearly, never のいずれかです。"); }
        }

        if (Get("standard_dataset") is { } standard)
        {
            draft.StandardCode = standard.Length == 0 ? null : (StandardDatasets.Find(standard) ?? StandardDatasets.All.FirstOrDefault(s => s.Name == standard))?.Code ?? standard;
        }

        foreach (var (key, set) in new (string, Action<DateOnly?>)[] { ("temporal_start", d => draft.TemporalFrom = d), ("temporal_end", d => draft.TemporalTo = d) })
        {
            if (Get(key) is not { } text)
            {
                continue;
            }

            if (text.Length == 0) { set(null); }
            else if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) { set(date); }
            else { Add(key, "日付は YYYY-MM-DD の形（例: 2026-04-01）で指定してください。"); }
        }

        if (args.Has("tags"))
        {
            if (Tags(args["tags"]) is { } tags) { draft.Tags = tags; }
            else { Add("tags", "tags は [{\"name\": \"防災\"}] の形で送ってください。"); }
        }

        return errors;
    }

    /// <summary>CKAN's tags: a JSON list of {name} (or of strings), or comma-separated text from a form.</summary>
    private static List<string>? Tags(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        if (!value.TrimStart().StartsWith('['))
        {
            return DatasetDraft.TagList(value);
        }

        try
        {
            using var json = JsonDocument.Parse(value);
            var tags = new List<string>();
            foreach (var item in json.RootElement.EnumerateArray())
            {
                var name = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object when item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                    _ => null,
                };
                if (name is null)
                {
                    return null;
                }

                tags.Add(name);
            }

            return tags;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Extras(string? value, out bool ok)
    {
        ok = true;
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(value))
        {
            return extras;
        }

        try
        {
            using var json = JsonDocument.Parse(value);
            foreach (var item in json.RootElement.EnumerateArray())
            {
                if (item.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String)
                {
                    extras[k.GetString()!] = item.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                }
                else
                {
                    ok = false;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            ok = false;
        }

        return extras;
    }
}
