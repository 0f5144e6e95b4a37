using System.Globalization;
using System.Text;
using Madoguchi.Payments.Refunds;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Payments.Reconciliation;

/// <summary>収納の照合: import the settlement report and the terminal journal, see the mismatches and the daily totals per department.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class ReconciliationPageModel(MadoguchiDb db, Reconciler reconciler, SettlementImporter importer, TenantContext tenant, TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public Reconciler.Report? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await AllowedAsync(ct))
        {
            return Forbid();
        }

        Report = await reconciler.ReportAsync(FromDay, ToDay, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(SettlementSource source, IFormFile? file, CancellationToken ct)
    {
        if (!await AllowedAsync(ct))
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(source == SettlementSource.Provider ? "providerFile" : "terminalFile", l["CSVファイルを選んでください。"]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var result = await importer.ImportAsync(source, Path.GetFileName(file.FileName), stream, PaymentsAccess.StaffId(User), ct);
            foreach (var problem in result.Problems)
            {
                ModelState.AddModelError(source == SettlementSource.Provider ? "providerFile" : "terminalFile", problem);
            }

            if (result.Problems.Count == 0)
            {
                TempData["notice"] = l["{0}行を読み込みました（新しい行：{1}行）。", result.Lines, result.NewLines].Value;
                return Redirect($"/{tenant.Code}/staff/payments/reconciliation?from={FromDay:yyyy-MM-dd}&to={ToDay:yyyy-MM-dd}");
            }
        }

        Report = await reconciler.ReportAsync(FromDay, ToDay, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetMismatchesCsvAsync(CancellationToken ct)
    {
        if (!await AllowedAsync(ct))
        {
            return Forbid();
        }

        var report = await reconciler.ReportAsync(FromDay, ToDay, ct);
        var csv = new StringBuilder("種類,取引元,取引番号,支払額,入金額,差額\r\n");
        foreach (var m in report.Mismatches)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{Reconciler.KindName(m.Kind)},{(m.Source == SettlementSource.Provider ? "決済事業者" : "窓口端末")},{m.Reference},{m.PaymentYen},{m.SettledYen},{m.SettledYen - m.PaymentYen}\r\n");
        }

        return Csv(csv, $"mismatches-{FromDay:yyyyMMdd}-{ToDay:yyyyMMdd}.csv");
    }

    public async Task<IActionResult> OnGetTotalsCsvAsync(CancellationToken ct)
    {
        if (!await AllowedAsync(ct))
        {
            return Forbid();
        }

        var report = await reconciler.ReportAsync(FromDay, ToDay, ct);
        var csv = new StringBuilder("日付,課,件数,収納額,返金額,差引\r\n");
        foreach (var t in report.Totals)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{t.Day:yyyy-MM-dd},{t.Department},{t.Count},{t.PaidYen},{t.RefundedYen},{t.NetYen}\r\n");
        }

        return Csv(csv, $"daily-totals-{FromDay:yyyyMMdd}-{ToDay:yyyyMMdd}.csv");
    }

    public DateOnly FromDay => From ?? ToDay.AddDays(-6);

    public DateOnly ToDay => To ?? DateOnly.FromDateTime(Wareki.ToJapanTime(time.GetUtcNow().UtcDateTime));

    /// <summary>UTF-8 with BOM, so Excel opens it in Japanese.</summary>
    private FileContentResult Csv(StringBuilder csv, string name) =>
        File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", name);

    private async Task<bool> AllowedAsync(CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        return ReconciliationAccess.Allowed(User, departments.Select(d => (d.Id, d.Name)));
    }
}
