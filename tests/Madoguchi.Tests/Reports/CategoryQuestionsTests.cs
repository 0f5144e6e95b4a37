using System.Net;
using System.Text.Json;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Reports;

/// <summary>An admin edits a category's extra questions; residents are asked them, Open311 publishes them.</summary>
public sealed class CategoryQuestionsTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task Admin_adds_edits_and_removes_questions_that_the_form_and_Open311_then_ask()
    {
        var s = await app.ReportingTenantAsync();
        var (_, admin) = await app.TenantAdminAsync(s.Tenant);
        var url = $"/{s.Tenant.Code}/staff/report-categories/{s.CategoryId}/questions";
        const string form = "form[aria-labelledby=question-form]";

        // Bad input: a code that is not ASCII, one already used, a list with one choice.
        var bad = await (await admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.Label"] = "番号", ["Input.Code"] = "番号" }, form)).ReadPageAsync();
        Assert.Contains("半角の英小文字", bad.Document.QuerySelector("#Input_Code-error")!.TextContent);
        var used = await (await admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.Label"] = "危険", ["Input.Code"] = "danger" }, form)).ReadPageAsync();
        Assert.Contains("このコードの質問がすでにあります", used.Document.QuerySelector("#Input_Code-error")!.TextContent);
        var oneChoice = await (await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Label"] = "路面の種類", ["Input.Code"] = "surface", ["Input.Kind"] = "Choice", ["Input.Choices"] = "アスファルト",
        }, form)).ReadPageAsync();
        Assert.Contains("2つ以上", oneChoice.Document.QuerySelector("#Input_Choices-error")!.TextContent);
        Assert.Single(await QuestionsAsync(s.CategoryId));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Label"] = "通行できますか", ["Input.Code"] = "passable", ["Input.Kind"] = "YesNo", ["Input.Required"] = "true",
        }, form)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Label"] = "電柱の番号", ["Input.Code"] = "pole-number", ["Input.Kind"] = "Text", ["Input.Hint"] = "電柱の札に書かれています",
        }, form)).StatusCode);
        // Edit the existing choice question: its choices change.
        var edit = await admin.GetPageAsync($"{url}?edit=danger");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Choices"] = "危ない\n注意\n急がない\n" }, form)).StatusCode);

        var questions = await QuestionsAsync(s.CategoryId);
        Assert.Equal(["danger", "passable", "pole-number"], questions.Select(q => q.Code));
        Assert.Equal(["危ない", "注意", "急がない"], questions[0].Choices);
        Assert.Equal((QuestionKind.YesNo, true), (questions[1].Kind, questions[1].Required));
        Assert.Equal(("電柱の札に書かれています", QuestionKind.Text), (questions[2].Hint, questions[2].Kind));

        // The resident's form asks them; the required yes/no is enforced and the answer stored.
        var browser = app.Browser();
        var reportForm = await browser.GetPageAsync($"/{s.Tenant.Code}/reports/new/{ReportScenario.Category}");
        Assert.Equal(["はい", "いいえ"], reportForm.Document.QuerySelectorAll("input[name='Answers[passable]']").Select(i => i.GetAttribute("value")));
        Assert.NotNull(reportForm.Document.QuerySelector("input#Answers_pole-number, input[name='Answers[pole-number]']"));
        var fields = ReportScenario.ValidFields();
        fields["Answers[danger]"] = "注意";
        var missing = await (await browser.PostMultipartAsync(reportForm, fields)).ReadPageAsync();
        Assert.Contains("通行できますか", missing.Document.QuerySelector(".error-summary")!.TextContent);
        fields["Answers[passable]"] = "いいえ";
        fields["Answers[pole-number]"] = "古川 12-3";
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostMultipartAsync(missing, fields)).StatusCode);
        var answers = await app.DbAsync(db => db.Set<Report>().IgnoreQueryFilters().Where(r => r.TenantId == s.Tenant.Id).Select(r => r.AnswersJson).SingleAsync());
        Assert.Equal(new Dictionary<string, string> { ["danger"] = "注意", ["passable"] = "いいえ", ["pole-number"] = "古川 12-3" }, CategoryQuestion.ParseAnswers(answers));

        // Open311 publishes them as attributes.
        using var definition = JsonDocument.Parse(await app.Browser().GetStringAsync($"/{s.Tenant.Code}/open311/v2/services/{ReportScenario.Category}.json"));
        var attributes = definition.RootElement.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(["danger", "passable", "pole-number"], attributes.Select(a => a.GetProperty("code").GetString()));
        Assert.Equal(["singlevaluelist", "singlevaluelist", "string"], attributes.Select(a => a.GetProperty("datatype").GetString()));
        Assert.Equal(["はい", "いいえ"], attributes[1].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));

        // Remove one; a page shown before the removal cannot save over it.
        var stale = await admin.GetPageAsync($"{url}?edit=pole-number");
        var removed = await admin.SubmitAsync(await admin.GetPageAsync(url), new Dictionary<string, string> { ["code"] = "passable" }, "form[action*=Remove]:has(input[value=passable])");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["danger", "pole-number"], (await QuestionsAsync(s.CategoryId)).Select(q => q.Code));
        var conflict = await (await admin.SubmitAsync(stale, new Dictionary<string, string> { ["Input.Label"] = "古い画面" }, form)).ReadPageAsync();
        Assert.Contains("他の職員が先にこの種類を更新しました", conflict.Document.QuerySelector(".error-summary")!.TextContent);
    }

    private Task<IReadOnlyList<CategoryQuestion>> QuestionsAsync(Guid categoryId) =>
        app.DbAsync(async db => (await db.Set<ReportCategory>().IgnoreQueryFilters().SingleAsync(c => c.Id == categoryId)).Questions);
}
