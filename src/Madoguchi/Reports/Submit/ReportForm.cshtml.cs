using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Photos;
using Madoguchi.Reports.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Submit;

/// <summary>
/// The report form, usable without JavaScript: the place by address or landmark, by a public
/// facility chosen from a list, or by latitude/longitude; photos (their GPS position is offered as
/// the place, their metadata removed); the category's questions. Nearby open reports of the same
/// kind are shown before the report is sent, so that the resident can follow one instead.
/// </summary>
[EnableRateLimiting(ReportsModule.FormRateLimit)]
[RequestSizeLimit(MaxFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFormBytes)]
public sealed class ReportFormModel(
    MadoguchiDb db, TenantContext tenant, PhotoStore photos, ReportSubmission submission, DuplicateFinder duplicates,
    ReporterIdentity identity, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>
    /// Far above a photo's limit: a resident who picks a 50 MB photo reaches this page and is told
    /// the limit in Japanese, instead of the server's bare 413 (Kestrel's default is 30 MB).
    /// </summary>
    public const long MaxFormBytes = 160L * 1024 * 1024;

    public sealed class InputModel
    {
        [MaxLength(Report.MaxDescription, ErrorMessage = "内容は2000文字以内で入力してください。")]
        public string? Description { get; set; }

        [MaxLength(Report.MaxAddress, ErrorMessage = "場所は200文字以内で入力してください。")]
        public string? Address { get; set; }

        public Guid? FacilityId { get; set; }
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }

        [MaxLength(254, ErrorMessage = "メールアドレスは254文字以内で入力してください。")]
        public string? Email { get; set; }

        public bool Anonymous { get; set; }
        public Guid UploadKey { get; set; }
        public bool DuplicatesShown { get; set; }
    }

    public sealed record FacilityOption(Guid Id, string Name);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public Dictionary<string, string> Answers { get; set; } = [];

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public ReportCategory Category { get; private set; } = null!;
    public IReadOnlyList<FacilityOption> Facilities { get; private set; } = [];
    public IReadOnlyList<DuplicateFinder.Candidate> Duplicates { get; private set; } = [];
    public int PendingPhotos { get; private set; }
    public ReporterIdentity.Resident? Resident { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>Where the location picker map starts (the middle of the municipality's area).</summary>
    public (double Latitude, double Longitude)? MapCentre { get; private set; }

    public async Task<IActionResult> OnGetAsync(string category, Guid? facility, CancellationToken ct)
    {
        if (!await LoadAsync(category, ct))
        {
            return NotFound();
        }

        Input.FacilityId = facility;
        Input.UploadKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string category, CancellationToken ct)
    {
        if (!await LoadAsync(category, ct))
        {
            return NotFound();
        }

        if (Input.UploadKey == Guid.Empty)
        {
            Input.UploadKey = Guid.NewGuid();
            ModelState.Remove("Input.UploadKey");
        }

        (double Latitude, double Longitude)? photoPlace = null;
        foreach (var file in Photos.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            var stored = await photos.AddPendingAsync(Input.UploadKey, file, ct);
            if (stored.Error is not null)
            {
                ModelState.AddModelError(nameof(Photos), l[stored.Error]);
            }

            photoPlace ??= stored.Gps;
        }

        PendingPhotos = (await photos.PendingAsync(Input.UploadKey, ct)).Count;
        var lat = ParseCoordinate(Input.Latitude, "Input.Latitude");
        var lon = ParseCoordinate(Input.Longitude, "Input.Longitude");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // No place given yet, but the photo knows where it was taken: offer it, and let the
        // resident check it before anything is sent.
        if (lat is null && lon is null && Input.FacilityId is null && photoPlace is { } place)
        {
            SetField("Input.Latitude", place.Latitude.ToString("0.000000", CultureInfo.InvariantCulture), v => Input.Latitude = v);
            SetField("Input.Longitude", place.Longitude.ToString("0.000000", CultureInfo.InvariantCulture), v => Input.Longitude = v);
            Notice = l["写真の撮影場所を緯度・経度に入れました。正しい場所か確かめて、もう一度「送信する」を押してください。"];
            return Page();
        }

        Resident = await identity.CurrentAsync(HttpContext);
        var signedIn = Resident is not null && !Input.Anonymous;
        var email = Input.Email?.Trim() is { Length: > 0 } typed ? typed : signedIn ? Resident!.VerifiedEmail : null;
        var draft = new ReportDraft(Category, Input.Description ?? "", Input.Address ?? "", Input.FacilityId, lat, lon, Answers,
            ResidentId: signedIn ? Resident!.Id : null, Email: email,
            EmailVerified: signedIn && email is not null && string.Equals(email, Resident!.VerifiedEmail, StringComparison.OrdinalIgnoreCase),
            UploadKey: Input.UploadKey);
        var (location, problems) = await submission.CheckAsync(draft, ct);
        foreach (var problem in problems)
        {
            ModelState.AddModelError(FieldOf(problem.Field), l[problem.Message]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!Input.DuplicatesShown && location.Latitude is { } la && location.Longitude is { } lo)
        {
            Duplicates = await duplicates.FindAsync(Category, la, lo, draft.Description, except: null, ct);
            if (Duplicates.Count > 0)
            {
                SetField("Input.DuplicatesShown", "true", _ => Input.DuplicatesShown = true);
                return Page();
            }
        }

        var report = await submission.SubmitAsync(draft, location, ct);
        TempData["notice"] = email is not null && !draft.EmailVerified
            ? l["報告を受け付けました。確認のメールを送りました。メールのリンクを開くと、対応状況をお知らせします。"].Value
            : l["報告を受け付けました。ありがとうございます。"].Value;
        return Redirect($"/{tenant.Code}/reports/{report.Id}");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var category = await db.Set<ReportCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == code && c.Active, ct);
        if (category is null)
        {
            return false;
        }

        Category = category;
        Facilities = await db.Set<PublicFacility>().OrderBy(f => f.Name).Select(f => new FacilityOption(f.Id, f.Name)).ToListAsync(ct);
        MapCentre = await Public.ReportMapPoints.CentreAsync(db, ct);
        Resident ??= await identity.CurrentAsync(HttpContext);
        return true;
    }

    private double? ParseCoordinate(string? text, string key)
    {
        var normal = text?.Normalize(NormalizationForm.FormKC).Trim().Replace('ー', '-').Replace('−', '-');
        if (string.IsNullOrEmpty(normal))
        {
            return null;
        }

        if (double.TryParse(normal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        ModelState.AddModelError(key, l["緯度・経度は数字で入力してください（例：38.577）。"]);
        return null;
    }

    private void SetField(string key, string value, Action<string> set)
    {
        ModelState.Remove(key);
        set(value);
    }

    public static string FieldOf(string field) => field switch
    {
        ReportFields.Description => "Input.Description",
        ReportFields.Location => "Input.Address",
        ReportFields.Latitude => "Input.Latitude",
        ReportFields.Facility => "Input.FacilityId",
        ReportFields.Email => "Input.Email",
        _ when field.StartsWith("attribute[", StringComparison.Ordinal) => "Answers[" + field["attribute[".Length..^1] + "]",
        _ => "",
    };

    public string? ErrorOf(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public static string IdOf(string key) => Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(key, "_");
}
