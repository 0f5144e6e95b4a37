using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Builder;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Builder;

/// <summary>Staff build a form without code, preview and publish it, and residents apply with it.</summary>
public sealed class FormBuilderTests(DevIdpApp app) : IClassFixture<DevIdpApp>
{
    private const string Key = "sodai-gomi";

    /// <summary>Staff signed in on the same real-HTTP host the residents use (this fixture runs on Kestrel).</summary>
    private async Task<HttpClient> StaffAsync(TestData.TenantInfo tenant, params (StaffRoleKind Role, Guid? DepartmentId)[] roles)
    {
        var staff = await app.StaffAsync(tenant, roles);
        var key = roles.Any(r => r.Role == StaffRoleKind.TenantAdmin) ? await app.EnableTotpAsync(staff) : null;
        var client = app.KestrelBrowser();
        var response = await client.SubmitAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = staff.Email, ["Input.Password"] = staff.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (key is not null)
        {
            response = await client.SubmitAsync(response.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Code"] = StaffSession.TotpCode(key) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return client;
    }

    private Task<HttpClient> AdminAsync(TestData.TenantInfo tenant) => StaffAsync(tenant, (StaffRoleKind.TenantAdmin, null));

    private async Task<BuilderClient> CreateAsync(TestData.TenantInfo tenant, HttpClient staff, string key = Key, string template = "")
    {
        var response = await staff.SubmitAsync($"/{tenant.Code}/staff/builder", new Dictionary<string, string>
        {
            ["Create.Title"] = "粗大ごみ収集の申込", ["Create.Key"] = key, ["Create.TemplateKey"] = template,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main .error-summary")?.InnerHtml);
        Assert.Equal($"/{tenant.Code}/staff/builder/{key}", response.Headers.Location!.OriginalString);
        return new BuilderClient(staff, tenant.Code, key);
    }

    /// <summary>The small form of these tests, built through the editor: a name, a choice with a
    /// conditional text, a date, and on a second page a repeating list of items.</summary>
    private static async Task BuildAsync(BuilderClient b)
    {
        await b.ActAsync("form[action*='handler=Metadata']", new() { ["Meta.Description"] = "粗大ごみの戸別収集を申し込みます。", ["Meta.Keywords"] = "粗大ごみ、ごみ" });
        await b.AddFieldAsync(0, 0, "Name", "氏名", "name");
        await b.AddFieldAsync(0, 0, "Choice", "収集場所", "place", "玄関前\nその他");
        await b.AddFieldAsync(0, 0, "Text", "場所の説明", "placeNote");
        await b.AddFieldAsync(0, 0, "Date", "希望日", "wishDate");
        await b.EditFieldAsync("0.0.0", new() { ["Input.Required"] = "true" });
        await b.EditFieldAsync("0.0.1", new() { ["Input.Required"] = "true" });
        await b.EditFieldAsync("0.0.2", new() { ["Input.Required"] = "true", ["Input.ShowIf"] = "/place|\"その他\"" });
        await b.AddPageAsync("品目");
        await b.AddFieldAsync(1, 0, "Repeat", "品目", "items");
        await b.EditFieldAsync("1.0.0", new() { ["Input.Required"] = "true", ["Input.Min"] = "1", ["Input.Max"] = "5", ["Input.ItemLabel"] = "品目" });
        await b.AddGroupFieldAsync("1.0.0", "Text", "品名", "itemName");
        await b.AddGroupFieldAsync("1.0.0", "Integer", "数量", "count");
        await b.EditFieldAsync("1.0.0.0", new() { ["Input.Required"] = "true" });
    }

    [Fact]
    public async Task The_signature_requirement_is_chosen_on_the_metadata_form_and_kept_in_the_definition()
    {
        var tenant = await app.TenantAsync();
        var b = await CreateAsync(tenant, await AdminAsync(tenant), "shomei-settei");
        Assert.Equal(SignatureRequirement.NotAsked, DraftDefinition.FromJson((await DraftAsync(tenant, "shomei-settei")).Definition).ToTemplate().Signature);
        await b.ActAsync("form[action*='handler=Metadata']", new() { ["Meta.Description"] = "電子署名を求める手続です。", ["Meta.Signature"] = "Required" });
        Assert.Equal(SignatureRequirement.Required, DraftDefinition.FromJson((await DraftAsync(tenant, "shomei-settei")).Definition).ToTemplate().Signature);
    }

    private Task<ProcedureDraft> DraftAsync(TestData.TenantInfo tenant, string key = Key) =>
        app.DbAsync(db => db.Set<ProcedureDraft>().IgnoreQueryFilters()
            .Where(d => d.TenantId == tenant.Id && db.Set<Procedure>().IgnoreQueryFilters().Any(p => p.Id == d.ProcedureId && p.Key == key)).SingleAsync());

    private Task<Procedure> ProcedureAsync(TestData.TenantInfo tenant, string key = Key) =>
        app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().SingleAsync(p => p.TenantId == tenant.Id && p.Key == key));

    [Fact]
    public async Task A_form_built_from_scratch_is_previewed_published_and_applied_with()
    {
        var tenant = await app.TenantAsync();
        var staff = await AdminAsync(tenant);
        var b = await CreateAsync(tenant, staff);
        await BuildAsync(b);

        // The builder wrote schema and layout together: properties, required, the if/then of the show-if.
        var schema = JsonNode.Parse((await DraftAsync(tenant)).Definition)!["schema"]!;
        Assert.Equal(["name", "place", "placeNote", "wishDate", "items"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["name", "place", "items"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var rule = Assert.Single(schema["allOf"]!.AsArray())!;
        Assert.Equal("その他", rule["if"]!["properties"]!["place"]!["const"]!.GetValue<string>());
        Assert.Equal("placeNote", rule["then"]!["required"]![0]!.GetValue<string>());
        Assert.Equal(["itemName"], schema["properties"]!["items"]!["items"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(1, schema["properties"]!["items"]!["minItems"]!.GetValue<int>());

        // Preview: the resident's page, marked, and test data is validated without being kept.
        var versionBefore = (await DraftAsync(tenant)).Version;
        var preview = await staff.GetPageAsync($"{b.EditUrl}/preview/0");
        Assert.Contains("プレビュー", preview.Document.QuerySelector(".preview-banner")!.TextContent);
        Assert.NotNull(preview.Document.QuerySelector("input[name='/name']"));
        Assert.NotNull(preview.Document.QuerySelector("select[name='/wishDate:era']"));
        Assert.Contains("（収集場所が「その他」の場合）", preview.Text);
        var checkedEmpty = Html.Parse(await (await staff.SubmitAsync(preview, new Dictionary<string, string>(), "main form.application-form")).Content.ReadAsStringAsync());
        Assert.NotEmpty(checkedEmpty.QuerySelectorAll(".error-summary li"));
        Assert.NotNull(checkedEmpty.QuerySelector("#field-name[aria-invalid=true]"));
        var page1 = await staff.GetPageAsync($"{b.EditUrl}/preview/1");
        Assert.NotNull(page1.Document.QuerySelector("input[name='/items/0/itemName']"));
        Assert.Equal(versionBefore, (await DraftAsync(tenant)).Version);
        Assert.Equal(0, await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().CountAsync(a => a.TenantId == tenant.Id)));

        await b.ActAsync("form[action*='handler=Publish']", new());
        var procedure = await ProcedureAsync(tenant);
        Assert.Equal((ProcedureStatus.Published, 1), (procedure.Status, procedure.PublishedVersion));
        Assert.Contains("粗大ごみ", procedure.Keywords);

        // A resident finds it and applies, without JavaScript.
        var resident = app.KestrelBrowser();
        await resident.SignInAsPersonaAsync(tenant.Code, "yamada");
        var start = (await resident.GetFollowingAsync($"/{tenant.Code}/procedures/{Key}/apply")).AsPage();
        var first = (await resident.FollowAsync(await resident.SubmitAsync(start, new Dictionary<string, string>()))).AsPage();
        var second = await resident.FollowAsync(await resident.SubmitAsync(first, new Dictionary<string, string>
        {
            ["/name"] = "山田 太郎", ["/place"] = "その他", ["/placeNote"] = "裏口の物置の前", ["_go"] = "next",
        }));
        Assert.EndsWith("/pages/1", second.Url.AbsolutePath);
        var check = await resident.FollowAsync(await resident.SubmitAsync(second.AsPage(), new Dictionary<string, string>
        {
            ["/items/0/itemName"] = "たんす", ["/items/0/count"] = "２", ["_go"] = "next",
        }));
        Assert.EndsWith("/check", check.Url.AbsolutePath);
        Assert.Empty(check.AsPage().Document.QuerySelectorAll(".error-summary"));
        var receipt = (await resident.FollowAsync(await resident.SubmitAsync(check.AsPage(), new Dictionary<string, string>()))).AsPage();
        Assert.NotNull(receipt.Document.QuerySelector(".receipt-number"));

        var application = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().SingleAsync(a => a.TenantId == tenant.Id));
        Assert.Equal(1, application.ProcedureVersion);
        var data = JsonNode.Parse(application.Data)!;
        Assert.Equal("裏口の物置の前", data["placeNote"]!.GetValue<string>());
        Assert.Equal(2, data["items"]![0]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_application_keeps_the_version_it_was_made_with_and_new_drafts_use_the_new_one()
    {
        var tenant = await app.TenantAsync();
        var staff = await AdminAsync(tenant);
        var b = await CreateAsync(tenant, staff);
        await BuildAsync(b);
        await b.ActAsync("form[action*='handler=Publish']", new());

        var yamada = Guid.NewGuid();
        var v1 = await app.InTenantAsync(tenant, async sp => (await sp.GetRequiredService<Drafts>().StartAsync(Key, yamada, CancellationToken.None))!);
        var v1Data = """{"name":"山田 太郎","place":"玄関前","items":[{"itemName":"いす"}]}""";
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == v1.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, v1Data)));
        var (receipt, _) = await app.InTenantAsync(tenant, sp => sp.GetRequiredService<Submission>().SubmitAsync(v1.Id, yamada, null, CancellationToken.None));
        Assert.NotNull(receipt);

        // Version 2 asks for a telephone number as well.
        await b.AddFieldAsync(0, 0, "Phone", "電話番号", "phone");
        await b.EditFieldAsync("0.0.4", new() { ["Input.Required"] = "true" });
        await b.ActAsync("form[action*='handler=Publish']", new());
        Assert.Equal(2, (await ProcedureAsync(tenant)).PublishedVersion);

        var procedureId = (await ProcedureAsync(tenant)).Id;
        var (first, second) = await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
            return (await ProcedureDefinitions.LoadAsync(db, procedureId, 1, CancellationToken.None), await ProcedureDefinitions.LoadAsync(db, procedureId, 2, CancellationToken.None));
        });
        var stored = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().SingleAsync(a => a.Id == v1.Id));
        Assert.Equal(1, stored.ProcedureVersion);
        Assert.Empty(FormValidation.Whole(first, JsonNode.Parse(stored.Data)));
        Assert.Contains(FormValidation.Whole(second, JsonNode.Parse(stored.Data)), e => e.Pointer == "/phone");

        // Staff read the v1 application in v1's words; it has no telephone row.
        var detail = await staff.GetPageAsync($"/{tenant.Code}/staff/applications/{v1.Id}");
        Assert.Contains("いす", detail.Text);
        Assert.DoesNotContain("電話番号", detail.Text);

        var sato = Guid.NewGuid();
        var v2 = await app.InTenantAsync(tenant, async sp => (await sp.GetRequiredService<Drafts>().StartAsync(Key, sato, CancellationToken.None))!);
        Assert.Equal(2, v2.ProcedureVersion);
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_is_refused_with_the_problem_named()
    {
        var tenant = await app.TenantAsync();
        var staff = await AdminAsync(tenant);
        var b = await CreateAsync(tenant, staff);

        var response = await b.PostAsync(await b.EditorAsync(), "form[action*='handler=Publish']", new());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("ページ「申請内容」に項目がありません。", summary);
        Assert.Contains("手続の説明がありません。", summary);
        var procedure = await ProcedureAsync(tenant);
        Assert.Equal((ProcedureStatus.Draft, 0), (procedure.Status, procedure.PublishedVersion));
        Assert.Equal(0, await app.DbAsync(db => db.Set<ProcedureVersion>().IgnoreQueryFilters().CountAsync(v => v.ProcedureId == procedure.Id)));
        // Not offered to residents before its first version.
        Assert.Equal(HttpStatusCode.NotFound, (await app.KestrelBrowser().GetAsync($"/{tenant.Code}/procedures/{Key}")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_malformed_or_oversized_import_is_refused_and_changes_nothing()
    {
        var tenant = await app.TenantAsync();
        var staff = await AdminAsync(tenant);
        var b = await CreateAsync(tenant, staff);
        var before = await DraftAsync(tenant);
        var audit = await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == tenant.Id));

        var template = JsonNode.Parse(JsonSerializer.Serialize(TemplateLibrary.Embedded.Find("risai-shoumei")!, TemplateLibrary.JsonOptions))!;
        var firstField = template["layout"]!["pages"]![0]!["sections"]![0]!["fields"]![0]!;
        firstField["showIf"] = new JsonObject { ["pointer"] = "/nowhere", ["equals"] = true };
        Assert.Contains("項目「氏名」の表示条件が、存在しない項目 /nowhere を参照しています。", await ImportAsync(b, template.ToJsonString()));
        Assert.Contains("JSON として読み込めません", await ImportAsync(b, "{ \"key\": "));
        Assert.Contains("ファイルが大きすぎます", await ImportAsync(b, "{\"pad\":\"" + new string('a', DefinitionCheck.MaxBytes) + "\"}"));
        Assert.Contains("ファイルが大きすぎます", await ImportAsync(b, new string(' ', 4 * DefinitionCheck.MaxBytes)));

        var after = await DraftAsync(tenant);
        Assert.Equal((before.Version, before.Definition), (after.Version, after.Definition));
        Assert.Equal(audit, await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == tenant.Id)));

        // A valid file replaces the draft (the procedure keeps its own key); the export reads it back.
        firstField.AsObject().Remove("showIf");
        Assert.Null(await ImportAsync(b, template.ToJsonString()));
        var exported = JsonNode.Parse(await staff.GetStringAsync($"{b.EditUrl}?handler=Export"))!;
        Assert.Equal(Key, exported["key"]!.GetValue<string>());
        Assert.Equal("罹災証明書の発行申請", exported["title"]!.GetValue<string>());
    }

    /// <summary>Uploads a definition file; the error summary's text, or null when it was accepted.</summary>
    private static async Task<string?> ImportAsync(BuilderClient b, string json)
    {
        var response = await ImportResponseAsync(b, json);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary")!.TextContent;
    }

    private static async Task<HttpResponseMessage> ImportResponseAsync(BuilderClient b, string json)
    {
        var page = await b.EditorAsync();
        var form = page.Document.QuerySelector("form[action*='handler=Import']")!;
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        content.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "definition", "definition.json");
        return await b.Http.PostAsync(form.GetAttribute("action"), content);
    }

    [Fact]
    public async Task The_second_of_two_staff_editing_the_same_draft_is_told()
    {
        var tenant = await app.TenantAsync();
        var first = await AdminAsync(tenant);
        var second = await AdminAsync(tenant);
        var b1 = await CreateAsync(tenant, first);
        var b2 = new BuilderClient(second, tenant.Code, Key);
        var seenBySecond = await b2.EditorAsync();

        await b1.AddPageAsync("最初の人のページ");
        var late = await b2.PostAsync(seenBySecond, "form[action*='handler=AddPage']", new() { ["title"] = "後の人のページ" });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var shown = Html.Parse(await late.Content.ReadAsStringAsync());
        Assert.Contains("他の職員がこの下書きを先に変更しました", shown.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("最初の人のページ", shown.Body!.TextContent);

        var pages = JsonNode.Parse((await DraftAsync(tenant)).Definition)!["layout"]!["pages"]!.AsArray().Select(p => p!["title"]!.GetValue<string>());
        Assert.Equal(["申請内容", "最初の人のページ"], pages);
    }

    [Fact]
    public async Task Only_admins_and_the_departments_approvers_edit_and_other_municipalities_procedures_are_untouchable()
    {
        var tenant = await app.TenantAsync();
        var other = await app.DbAsync(async db =>
        {
            var d = new Department { TenantId = tenant.Id, Name = "環境課" };
            db.Departments.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        await app.OfferAsync(tenant, "risai-shoumei", tenant.DepartmentId);

        var approver = await StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId));
        var editor = await approver.GetPageAsync($"/{tenant.Code}/staff/builder/risai-shoumei");
        Assert.Contains("罹災証明書の発行申請", editor.Text);

        var otherApprover = await StaffAsync(tenant, (StaffRoleKind.Approver, other));
        Assert.Equal(HttpStatusCode.NotFound, (await otherApprover.GetAsync($"/{tenant.Code}/staff/builder/risai-shoumei")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherApprover.GetAsync($"/{tenant.Code}/staff/builder/risai-shoumei/preview/0")).StatusCode);
        Assert.Null((await otherApprover.GetPageAsync($"/{tenant.Code}/staff/builder")).Document.QuerySelector("main table"));

        var reviewer = await StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/{tenant.Code}/staff/builder")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/{tenant.Code}/staff/builder/risai-shoumei")).StatusCode);
        // A reviewer posting with a valid token of its own session changes nothing.
        var token = (await reviewer.GetPageAsync($"/{tenant.Code}/staff/applications")).Document.QuerySelector("input[name=__RequestVerificationToken]");
        var tokenValue = token?.GetAttribute("value") ?? (await reviewer.GetPageAsync("/staff/two-factor")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == tenant.Id));
        var post = await reviewer.PostAsync($"/{tenant.Code}/staff/builder/risai-shoumei?handler=AddPage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = tokenValue, ["draftVersion"] = "0", ["title"] = "審査担当のページ",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == tenant.Id)));

        // Another municipality's admin reaches neither through its own code nor through ours.
        var elsewhere = await app.TenantAsync();
        var foreignAdmin = await AdminAsync(elsewhere);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignAdmin.GetAsync($"/{elsewhere.Code}/staff/builder/risai-shoumei")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await foreignAdmin.GetAsync($"/{tenant.Code}/staff/builder/risai-shoumei")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreignAdmin.GetAsync($"/{elsewhere.Code}/staff/builder/risai-shoumei?handler=Export&version=1")).StatusCode);
    }

    [Fact]
    public async Task Script_in_labels_is_shown_as_text()
    {
        var tenant = await app.TenantAsync();
        var staff = await AdminAsync(tenant);
        var b = await CreateAsync(tenant, staff);
        const string Script = "<script>alert('x')</script>";
        await b.AddFieldAsync(0, 0, "Text", Script, "note");
        await b.AddPageAsync("<img src=x onerror=alert(1)>");

        var editor = await b.EditorAsync();
        var preview = await staff.GetPageAsync($"{b.EditUrl}/preview/0");
        foreach (var page in new[] { editor, preview })
        {
            Assert.DoesNotContain(Script, page.Body);
            Assert.DoesNotContain("<img src=x", page.Body);
            Assert.Empty(page.Document.QuerySelectorAll("main script, main img"));
        }

        Assert.Contains(Script, editor.Document.QuerySelector(".builder-field-label")!.TextContent);
        Assert.Contains(Script, preview.Document.QuerySelector("label[for='field-note']")!.TextContent);
    }

    [Fact]
    public async Task A_procedure_made_from_a_template_can_be_closed_and_reopened()
    {
        var tenant = await app.TenantAsync();
        var staff = await AdminAsync(tenant);
        var b = await CreateAsync(tenant, staff, "risai-2", "risai-shoumei");
        await b.ActAsync("form[action*='handler=Metadata']", new() { ["Meta.Title"] = "罹災証明書（令和の台風）" });
        await b.ActAsync("form[action*='handler=Publish']", new());
        Assert.Equal(HttpStatusCode.OK, (await app.KestrelBrowser().GetAsync($"/{tenant.Code}/procedures/risai-2")).StatusCode);

        await b.ActAsync("form[action*='handler=Status']", new());
        Assert.Equal(ProcedureStatus.Closed, (await ProcedureAsync(tenant, "risai-2")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.KestrelBrowser().GetAsync($"/{tenant.Code}/procedures/risai-2")).StatusCode);
        await b.ActAsync("form[action*='handler=Status']", new());
        var procedure = await ProcedureAsync(tenant, "risai-2");
        Assert.Equal((ProcedureStatus.Published, "罹災証明書（令和の台風）", "risai-shoumei"), (procedure.Status, procedure.Title, procedure.TemplateKey));
    }
}
