using System.Net;
using System.Text.Json.Nodes;
using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Builder;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Payments;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Procedures.Builder;

/// <summary>
/// The fee table edited in the form builder (手数料 form): 200円 per copy with the copies field of the
/// form, an exemption, when to pay; bad tables refused at their fields; the published fee is what
/// applicants are charged (through the provider's hosted page of the local Stripe server).
/// </summary>
public sealed class FeeBuilderTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private const string Key = "shoumeisho-koufu";
    private const string FeeForm = "form[action*='handler=Fee']";

    private async Task<(TestData.TenantInfo Tenant, BuilderClient Builder)> FormAsync()
    {
        var tenant = await app.TenantAsync();
        app.Start();
        var staff = await app.StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));
        var totp = await app.EnableTotpAsync(staff);
        var client = app.KestrelBrowser();
        var login = await client.SubmitAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = staff.Email, ["Input.Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(login.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = StaffSession.TotpCode(totp) })).StatusCode);
        var created = await client.SubmitAsync($"/{tenant.Code}/staff/builder", new Dictionary<string, string>
        {
            ["Create.Title"] = "証明書の交付請求", ["Create.Key"] = Key, ["Create.TemplateKey"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var b = new BuilderClient(client, tenant.Code, Key);
        await b.ActAsync("form[action*='handler=Metadata']", new() { ["Meta.Description"] = "各種証明書の交付を請求します。", ["Meta.Assurance"] = "Account" });
        await b.AddFieldAsync(0, 0, "Integer", "通数", "copies");
        await b.AddFieldAsync(0, 0, "Choice", "使用目的", "purpose", "就職\n生活保護の申請");
        await b.AddFieldAsync(0, 0, "Text", "備考", "remarks");
        await b.EditFieldAsync("0.0.0", new() { ["Input.Required"] = "true", ["Input.Min"] = "1", ["Input.Max"] = "10" });
        await b.EditFieldAsync("0.0.1", new() { ["Input.Required"] = "true" });
        return (tenant, b);
    }

    private Task<TemplateFee> DraftFeeAsync(TestData.TenantInfo tenant) =>
        app.DbAsync(async db => DraftDefinition.FromJson(await db.Set<ProcedureDraft>().IgnoreQueryFilters()
            .Where(d => d.TenantId == tenant.Id && db.Set<Procedure>().IgnoreQueryFilters().Any(p => p.Id == d.ProcedureId && p.Key == Key))
            .Select(d => d.Definition).SingleAsync()).ToTemplate().Fee);

    private static Dictionary<string, string> GoodFee() => new()
    {
        ["Fee.AmountYen"] = "200", ["Fee.Item"] = "証明書", ["Fee.Note"] = "1通200円。生活保護の申請に使う場合は無料です。",
        ["Fee.QuantityPointer"] = "/copies", ["Fee.Timing"] = "BeforeSubmission", ["Fee.PaymentDays"] = "",
        ["Fee.Exemptions[0].Pointer"] = "/purpose", ["Fee.Exemptions[0].Value"] = "生活保護の申請", ["Fee.Exemptions[0].Reason"] = "生活保護の申請に使用するため",
    };

    /// <summary>A signed-in resident's application filled and taken to the check page.</summary>
    private async Task<(HttpClient Resident, Guid Id, Page Check)> ApplyAsync(TestData.TenantInfo tenant, int copies, string purpose)
    {
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");
        var start = (await resident.GetFollowingAsync($"/{tenant.Code}/procedures/{Key}/apply")).AsPage();
        var first = await resident.FollowAsync(await resident.SubmitAsync(start, new Dictionary<string, string>()));
        var id = Guid.Parse(first.Url.AbsolutePath.Split('/')[3]);
        var check = await resident.FollowAsync(await resident.SubmitAsync(first.AsPage(), new Dictionary<string, string>
        {
            ["/copies"] = copies.ToString(System.Globalization.CultureInfo.InvariantCulture), ["/purpose"] = purpose, ["_go"] = "next",
        }));
        Assert.EndsWith("/check", check.Url.AbsolutePath);
        return (resident, id, check.AsPage());
    }

    [Fact]
    public async Task A_fee_of_200_yen_per_copy_with_an_exemption_built_in_the_editor_is_what_applicants_pay()
    {
        var (tenant, b) = await FormAsync();

        // Only the form's integer fields are offered as the quantity; every answer field for exemptions.
        var editor = await b.EditorAsync();
        Assert.Equal(["", "/copies"], editor.Document.QuerySelectorAll("#Fee_QuantityPointer option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["", "/copies", "/purpose", "/remarks"], editor.Document.QuerySelectorAll("#Fee_Exemptions_0__Pointer option").Select(o => o.GetAttribute("value")));
        Assert.Equal(2, FeeBuilderRows(editor));

        await b.ActAsync(FeeForm, GoodFee());
        var fee = await DraftFeeAsync(tenant);
        Assert.Equal((200L, "証明書", "/copies", PaymentTiming.BeforeSubmission, (int?)null), (fee.AmountYen, fee.Item, fee.QuantityPointer, fee.Timing, fee.PaymentDays));
        Assert.Equal(new FeeExemption("/purpose", "生活保護の申請", "生活保護の申請に使用するため"), Assert.Single(fee.Exemptions));

        // Shown again as saved, with two empty rows to add more.
        editor = await b.EditorAsync();
        Assert.Equal("200", editor.Document.QuerySelector("#Fee_AmountYen")!.GetAttribute("value"));
        Assert.Equal("/purpose", editor.Document.QuerySelector("#Fee_Exemptions_0__Pointer option[selected]")!.GetAttribute("value"));
        Assert.Equal(3, FeeBuilderRows(editor));

        await b.ActAsync("form[action*='handler=Publish']", new());

        // 3 copies: 600円, on the check page and charged through the provider's page.
        var (resident, id, check) = await ApplyAsync(tenant, 3, "就職");
        Assert.Equal("600円", check.Document.QuerySelector(".fee-total")!.TextContent);
        Assert.Contains("証明書", check.Document.QuerySelector(".fee-table")!.TextContent);
        var checkout = await PaymentFlow.StartPaymentAsync(resident, tenant.Code, id);
        Assert.Equal(600, (long)app.Stripe.State.Session(checkout.Segments[^1])!["amount_total"]!);
        var paid = await PaymentFlow.EnterCardAsync(resident, checkout, PaymentFlow.SucceedsCard);
        await resident.FollowAsync(await resident.GetAsync(paid.Headers.Location));
        var payment = await app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.ApplicationId == id));
        Assert.Equal((PaymentStatus.Succeeded, 600L, "証明書（3通）"), (payment.Status, payment.AmountYen, payment.FeeItem));
        Assert.Equal(ApplicationStatus.Submitted, await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        // The exempt purpose: 0円 with the reason, submitted without paying.
        var (_, exemptId, exempt) = await ApplyAsync(tenant, 2, "生活保護の申請");
        Assert.Equal("0円", exempt.Document.QuerySelector(".fee-total")!.TextContent);
        Assert.Contains("生活保護の申請に使用するため", exempt.Text);
        Assert.Equal(0, await app.DbAsync(db => db.Set<Payment>().IgnoreQueryFilters().CountAsync(p => p.ApplicationId == exemptId)));

        // 事後決済 with 14 days, and the exemption row removed with its box.
        var later = GoodFee();
        later["Fee.Timing"] = "AfterApproval";
        later["Fee.PaymentDays"] = "14";
        later["Fee.Exemptions[0].Remove"] = "true";
        await b.ActAsync(FeeForm, later);
        fee = await DraftFeeAsync(tenant);
        Assert.Equal((PaymentTiming.AfterApproval, (int?)14), (fee.Timing, fee.PaymentDays));
        Assert.Empty(fee.Exemptions);
    }

    [Fact]
    public async Task Bad_fee_tables_are_refused_with_a_message_at_each_field_and_nothing_is_saved()
    {
        var (tenant, b) = await FormAsync();
        var before = await DraftFeeAsync(tenant);

        var negative = GoodFee();
        negative["Fee.AmountYen"] = "-100";
        var refused = Html.Parse(await (await b.PostAsync(await b.EditorAsync(), FeeForm, negative)).Content.ReadAsStringAsync());
        Assert.Contains("0円以上", refused.QuerySelector("#Fee_AmountYen-error")!.TextContent);
        Assert.Equal("true", refused.QuerySelector("#Fee_AmountYen")!.GetAttribute("aria-invalid"));
        Assert.Contains("0円以上", refused.QuerySelector(".error-summary")!.TextContent);

        // Posted past the select: a quantity that is a choice, an exemption on a field that does not
        // exist, a value the choice does not have, 事後決済 with 0 days.
        var bad = GoodFee();
        bad["Fee.QuantityPointer"] = "/purpose";
        bad["Fee.Timing"] = "AfterApproval";
        bad["Fee.PaymentDays"] = "0";
        bad["Fee.Exemptions[0].Pointer"] = "/income";
        bad["Fee.Exemptions[1].Pointer"] = "/purpose";
        bad["Fee.Exemptions[1].Value"] = "転職";
        bad["Fee.Exemptions[1].Reason"] = "理由";
        bad["Fee.Exemptions[2].Pointer"] = "/remarks";
        var response = await b.PostAsync(await b.EditorAsync(), FeeForm, bad);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("整数の項目ではありません", page.QuerySelector("#Fee_QuantityPointer-error")!.TextContent);
        Assert.Contains("1から365", page.QuerySelector("#Fee_PaymentDays-error")!.TextContent);
        Assert.Contains("「/income」は、このフォームにありません", page.QuerySelector("#Fee_Exemptions_0__Pointer-error")!.TextContent);
        Assert.Contains("選択肢にありません", page.QuerySelector("#Fee_Exemptions_1__Value-error")!.TextContent);
        Assert.Contains("値を入力してください", page.QuerySelector("#Fee_Exemptions_2__Value-error")!.TextContent);
        Assert.Contains("理由を入力してください", page.QuerySelector("#Fee_Exemptions_2__Reason-error")!.TextContent);
        Assert.True(6 == page.QuerySelectorAll(".error-summary li a").Length, string.Join(" / ", page.QuerySelectorAll(".error-summary li a").Select(a => a.GetAttribute("href") + " " + a.TextContent)));
        Assert.All(page.QuerySelectorAll(".error-summary li a"), a => Assert.NotNull(page.QuerySelector(a.GetAttribute("href")!)));
        // The input is shown as posted; the other forms as stored.
        Assert.Equal("転職", page.QuerySelector("#Fee_Exemptions_1__Value")!.GetAttribute("value"));
        Assert.Equal("各種証明書の交付を請求します。", page.QuerySelector("#Meta_Description")!.TextContent);

        var missingDays = GoodFee();
        missingDays["Fee.Timing"] = "AfterApproval";
        var noDays = Html.Parse(await (await b.PostAsync(await b.EditorAsync(), FeeForm, missingDays)).Content.ReadAsStringAsync());
        Assert.Contains("支払期限", noDays.QuerySelector("#Fee_PaymentDays-error")!.TextContent);

        Assert.Equal(before.AmountYen, (await DraftFeeAsync(tenant)).AmountYen);
        Assert.Empty((await DraftFeeAsync(tenant)).Exemptions);
    }

    [Fact]
    public void A_definition_file_with_a_fee_table_that_does_not_fit_its_form_is_refused_on_import()
    {
        var juminhyo = TemplateLibrary.Embedded.Find(PaymentFlow.Key)!;
        Assert.Empty(DefinitionCheck.Problems(juminhyo));
        var broken = juminhyo with
        {
            Fee = juminhyo.Fee with { QuantityPointer = "/purpose", Exemptions = [new FeeExemption("/nowhere", "x", "y")], Timing = PaymentTiming.AfterApproval, PaymentDays = -1 },
        };
        var problems = DefinitionCheck.Problems(broken).Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.Contains("「/purpose」は、このフォームの整数の項目ではありません", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("「/nowhere」は、このフォームにありません", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("支払期限は1から365", StringComparison.Ordinal));
    }

    private static int FeeBuilderRows(Page editor) => editor.Document.QuerySelectorAll("fieldset.fee-exemption").Length;
}
