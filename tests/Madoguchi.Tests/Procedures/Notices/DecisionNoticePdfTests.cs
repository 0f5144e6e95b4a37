using System.Diagnostics;
using Madoguchi.Procedures.Notices;

namespace Madoguchi.Tests.Procedures.Notices;

public sealed class DecisionNoticePdfTests
{
    private static DecisionNotice Notice(bool approved, string reason = "") => new(
        "石巻市", "健康推進課", "妊娠の届出", "2026-0000042",
        new DateTime(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 24, 5, 30, 0, DateTimeKind.Utc),
        approved, "石巻 花子", reason, "石健推第42号");

    [Fact]
    public void An_approval_reads_in_Japanese_with_the_era_date_and_the_mayor_as_sender()
    {
        var text = PdfText.Of(DecisionNoticePdf.Render(Notice(approved: true)));

        Assert.Contains("妊娠の届出 決定通知書", text);
        Assert.Contains("石巻 花子 様", text);
        Assert.Contains("石巻市長", text);
        Assert.Contains("令和8年11月24日", text);
        Assert.Contains("2026-0000042", text);
        Assert.Contains("承認", text);
        Assert.DoesNotContain("審査請求", text);
    }

    [Fact]
    public void A_refusal_states_the_reason_and_how_to_appeal()
    {
        var text = PdfText.Of(DecisionNoticePdf.Render(Notice(approved: false, "出産予定日が確認できる書類が添付されていないため。")));

        Assert.Contains("却下通知書", text);
        Assert.Contains("添付されていないため", text);
        Assert.Contains("審査請求", text);
        Assert.Contains("6か月以内", text);
    }

    [Fact]
    public void A_long_reason_flows_onto_a_second_page_instead_of_being_cut()
    {
        var reason = string.Concat(Enumerable.Repeat("確認した結果、要件を満たしていないことが判明しました。", 120)) + "以上。";
        var pdf = DecisionNoticePdf.Render(Notice(approved: false, reason));

        // The value wraps inside its cell: read the words without the layout's line breaks and padding.
        var text = System.Text.RegularExpressions.Regex.Replace(PdfText.Of(pdf), @"\s+", "");
        Assert.Contains("以上。", text);
        Assert.True(PdfText.Pages(pdf) >= 2);
    }
}

/// <summary>Reads a PDF back with poppler's pdftotext, as a resident's viewer would, to check what it says.</summary>
public static class PdfText
{
    public static string Of(byte[] pdf) => Run(pdf, "-layout", "-", "-");

    public static int Pages(byte[] pdf) =>
        int.Parse(Run(pdf, "-").Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim());

    /// <summary>
    /// Noto CJK draws a Kangxi radical and its ideograph (⽯/石, ⻑/長) with one glyph, and Skia's text
    /// map names the radical. NFKC folds the Kangxi block back; the few radicals-supplement
    /// characters (no decomposition in Unicode) that the notices use are folded here.
    /// </summary>
    private static string Fold(string text) =>
        text.Normalize(System.Text.NormalizationForm.FormKC).Replace('⻑', '長').Replace('⻄', '西').Replace('⻘', '青').Replace('⻝', '食').Replace('⺠', '民');

    private static string Run(byte[] pdf, params string[] args)
    {
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            var tool = args.Length == 1 ? "pdfinfo" : "pdftotext";
            var arguments = args.Length == 1 ? new[] { file } : new[] { args[0], file, args[2] };
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return Fold(output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
