using System.Net;
using System.Text;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.OpenData;

/// <summary>Publishers work on their own department's datasets only; a municipality may require the DX office's review.</summary>
public sealed class PublisherScopeTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task A_publisher_cannot_see_or_change_another_department_or_municipality()
    {
        var (tenant, crisis, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "shelters", "避難所");

        // The citizen-services publisher of the same municipality.
        var other = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Publisher, tenant.DepartmentId)));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/{tenant.Code}/staff/opendata/{dataset}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/{tenant.Code}/staff/opendata/edit/{dataset}")).StatusCode);
        Assert.DoesNotContain("避難所", (await other.GetPageAsync($"/{tenant.Code}/staff/opendata")).Text);

        // Choosing a department not theirs is refused with a field message.
        var foreign = await (await other.SubmitAsync($"/{tenant.Code}/staff/opendata/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "他課のデータ", ["Input.Name"] = "foreign", ["Input.DepartmentId"] = crisis.ToString(),
        })).ReadPageAsync();
        Assert.Contains("担当課を選んでください。", foreign.Document.QuerySelector("#Input_DepartmentId-error")!.TextContent);

        // A publisher of another municipality, with this one's identifiers.
        var (elsewhere, _, _, stranger) = await app.PublisherAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{elsewhere.Code}/staff/opendata/{dataset}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await stranger.GetAsync($"/{tenant.Code}/staff/opendata/{dataset}")).StatusCode);

        // A reviewer without the publisher role cannot create datasets.
        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, crisis)));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/{tenant.Code}/staff/opendata/edit")).StatusCode);
    }

    [Fact]
    public async Task With_review_required_a_publisher_asks_and_the_DX_office_publishes()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        var settings = await admin.SubmitAsync($"/{tenant.Code}/staff/opendata", new Dictionary<string, string> { ["requireReview"] = "true" }, "form[action*=Settings]");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.True(await app.DbAsync(db => db.Set<OpenDataSettings>().IgnoreQueryFilters().Where(s => s.TenantId == tenant.Id).Select(s => s.RequireReview).SingleAsync()));

        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "aed", "AED設置箇所", tags: "救急");
        await publisher.UploadAsync(tenant.Code, dataset, "aed.csv", Encoding.UTF8.GetBytes("名称,設置位置\n市役所,1階\n"), newName: "AED");
        await app.IngestedAsync(dataset);
        var manage = await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}");
        Assert.Contains("公開の審査を依頼する", manage.Text);
        await publisher.SubmitAsync(manage, new Dictionary<string, string>(), "form[action*=Publish]");

        var asked = await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().SingleAsync(d => d.Id == dataset));
        Assert.NotNull(asked.ReviewRequestedAt);
        Assert.Null(asked.PublishedAt);
        Assert.Contains("0 件のデータセット", (await app.Browser().GetPageAsync($"/{tenant.Code}/opendata")).Text);

        var queue = await admin.GetPageAsync($"/{tenant.Code}/staff/opendata");
        Assert.Contains("審査待ち", queue.Text);
        var review = await admin.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}");
        Assert.Contains("審査して公開する", review.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(review, new Dictionary<string, string>(), "form[action*=Publish]")).StatusCode);
        Assert.Contains("1 件のデータセット", (await app.Browser().GetPageAsync($"/{tenant.Code}/opendata")).Text);

        // The standard datasets still missing: everything but none declared here.
        Assert.Contains("指定緊急避難場所一覧", (await admin.GetPageAsync($"/{tenant.Code}/staff/opendata")).Document.QuerySelector("ul.missing-standards")!.TextContent);
    }

    [Fact]
    public async Task The_catalogue_lists_the_standard_datasets_a_municipality_lacks()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "toilets", "公衆トイレ", standard: "public_toilet");
        var header = "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英語,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),設置位置,緯度,経度,高度の種別,高度の値,男性トイレ総数,男性トイレ数（小便器）,男性トイレ数（和式）,男性トイレ数（洋式）,女性トイレ総数,女性トイレ数（和式）,女性トイレ数（洋式）,男女共用トイレ総数,男女共用トイレ数（和式）,男女共用トイレ数（洋式）,バリアフリートイレ数,車椅子使用者用トイレ有無,乳幼児用設備設置トイレ有無,オストメイト設置トイレ有無,利用開始時間,利用終了時間,利用可能時間特記事項,画像,画像_ライセンス,備考";
        var row = $"{tenant.Code},T1,テスト市,駅前公衆トイレ,エキマエコウシュウトイレ,Station Toilet,{tenant.Code},,宮城県テスト市駅前1,宮城県,テスト市,駅前,1,,駅前広場,38.26,140.88,階数,1,3,2,0,1,3,0,3,1,0,1,1,有,有,無,07:00,22:00,,,,";
        await publisher.UploadAsync(tenant.Code, dataset, $"{tenant.Code}_public_toilet.csv", Encoding.UTF8.GetBytes(header + "\n" + row + "\n"), newName: "公衆トイレ一覧");
        await app.IngestedAsync(dataset);
        Assert.Equal(UploadState.Passed, await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters()
            .Where(u => db.Set<DatasetResource>().IgnoreQueryFilters().Any(r => r.DatasetId == dataset && r.Id == u.ResourceId)).Select(u => u.State).SingleAsync()));
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");

        var missing = (await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata")).Document.QuerySelector("ul.missing-standards")!.TextContent;
        Assert.DoesNotContain("公衆トイレ一覧", missing);
        Assert.Contains("AED設置箇所一覧", missing);
        Assert.Contains($"{tenant.Code}_aed.csv", missing);
    }
}
