using System.Net;
using System.Text;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.OpenData;

/// <summary>Where review is required, a change to a public dataset's description waits for the DX office like any other change.</summary>
public sealed class ReviewOfChangesTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Fact]
    public async Task An_edited_description_of_a_public_dataset_stays_unpublished_until_reviewed()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var (_, admin) = await app.TenantAdminAsync(tenant);
        await admin.SubmitAsync($"/{tenant.Code}/staff/opendata", new Dictionary<string, string> { ["requireReview"] = "true" }, "form[action*=Settings]");
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "aed", "AED設置箇所", description: "市の施設のAEDです。", tags: "救急");
        await publisher.UploadAsync(tenant.Code, dataset, "aed.csv", Encoding.UTF8.GetBytes("名称,設置位置\n市役所,1階\n"), newName: "AED");
        await app.IngestedAsync(dataset);
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        await admin.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        Assert.Contains("市の施設のAEDです。", (await app.Browser().GetPageAsync($"/{tenant.Code}/opendata/aed")).Text);

        // The publisher rewrites title, description and tags of the public dataset.
        var edit = await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/edit/{dataset}",
            new Dictionary<string, string> { ["Input.Title"] = "AED設置箇所（改訂）", ["Input.Description"] = "<script>x</script>民間施設も載せました。", ["Input.Tags"] = "救急、医療" });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var manage = await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}");
        Assert.Contains("公開中の内容は、DX推進担当が審査して公開するまで変わりません", manage.Text);
        Assert.Contains("説明の変更が審査待ちです", manage.Text);
        Assert.Contains("審査待ち", manage.Text);
        Assert.Contains("民間施設も載せました。", (await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata/edit/{dataset}")).Text);

        // Everyone else still gets the approved version: page, search, CKAN.
        var resident = app.Browser();
        var page = await resident.GetPageAsync($"/{tenant.Code}/opendata/aed");
        Assert.Contains("市の施設のAEDです。", page.Text);
        Assert.DoesNotContain("民間施設", page.Text);
        Assert.DoesNotContain("民間施設", (await resident.GetPageAsync($"/{tenant.Code}/opendata?q=民間")).Document.QuerySelector("main")!.TextContent.Replace("民間」", ""));
        var show = await (await resident.GetAsync($"/{tenant.Code}/api/3/action/package_show?id=aed")).Content.ReadAsStringAsync();
        Assert.Contains("AED設置箇所", show);
        Assert.DoesNotContain("改訂", show);
        Assert.DoesNotContain("医療", show);

        // The DX office reviews and publishes: now the change is live, tags and search included.
        var review = await admin.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}");
        Assert.Contains("審査して公開する", review.Text);
        var approved = await admin.SubmitAsync(review, new Dictionary<string, string>(), "form[action*=Publish]");
        Assert.True(approved.StatusCode == HttpStatusCode.Redirect, (await approved.ReadPageAsync()).Document.QuerySelector("main")?.TextContent);
        page = await resident.GetPageAsync($"/{tenant.Code}/opendata/aed");
        Assert.Contains("民間施設も載せました。", page.Text);
        Assert.DoesNotContain("<script>x", page.Body);
        var live = await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().Include(d => d.Tags).SingleAsync(d => d.Id == dataset));
        Assert.Null(live.PendingChangesJson);
        Assert.Equal("AED設置箇所（改訂）", live.Title);
        Assert.Equal(["医療", "救急"], live.Tags.Select(t => t.Name).Order());
        Assert.Contains("民間施設", live.SearchText);
    }

    [Fact]
    public async Task Without_review_and_for_the_DX_office_an_edit_goes_live_at_once()
    {
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "toilets", "公衆トイレ", description: "旧");
        await publisher.UploadAsync(tenant.Code, dataset, "t.csv", Encoding.UTF8.GetBytes("名称\n駅前\n"), newName: "トイレ");
        await app.IngestedAsync(dataset);
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/edit/{dataset}", new Dictionary<string, string> { ["Input.Description"] = "新しい説明" });
        Assert.Contains("新しい説明", (await app.Browser().GetPageAsync($"/{tenant.Code}/opendata/toilets")).Text);
        Assert.Null(await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().Where(d => d.Id == dataset).Select(d => d.PendingChangesJson).SingleAsync()));
    }
}
