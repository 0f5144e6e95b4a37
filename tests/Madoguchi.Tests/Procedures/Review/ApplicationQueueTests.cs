using System.Net;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Review;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Review;

/// <summary>Staff see the applications of their own departments, filtered and with overdue ones marked.</summary>
public sealed class ApplicationQueueTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private Task<T> InTenantAsync<T>(TestData.TenantInfo tenant, Func<IServiceProvider, Task<T>> work) => app.InTenantAsync(tenant, work);

    /// <summary>A submitted application of <paramref name="key"/> handled by <paramref name="department"/>.</summary>
    private async Task<(Guid Id, string Number)> SubmittedAsync(TestData.TenantInfo tenant, Guid department, string key)
    {
        await app.OfferAsync(tenant, key, department);
        var resident = Guid.NewGuid();
        var draft = await InTenantAsync(tenant, async sp => (await sp.GetRequiredService<Drafts>().StartAsync(key, resident, CancellationToken.None))!);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == draft.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, SampleApplications.For(key))));
        var (receipt, _) = await InTenantAsync(tenant, sp => sp.GetRequiredService<Submission>().SubmitAsync(draft.Id, resident, null, CancellationToken.None));
        return (draft.Id, receipt!.Number);
    }

    [Fact]
    public async Task Reviewers_see_only_their_departments_applications_and_open_them()
    {
        var tenant = await app.TenantAsync();
        var childcare = await app.DbAsync(async db =>
        {
            var d = new Department { TenantId = tenant.Id, Name = "保育課" };
            db.Departments.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var disaster = await SubmittedAsync(tenant, tenant.DepartmentId, "risai-shoumei");
        var nursery = await SubmittedAsync(tenant, childcare, "hoiku-riyou-moushikomi");

        var reviewer = await app.SignInAsync(await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId)));
        var queue = await reviewer.GetPageAsync($"/{tenant.Code}/staff/applications");
        Assert.Contains(disaster.Number, queue.Text);
        Assert.DoesNotContain(nursery.Number, queue.Text);

        var detail = await reviewer.GetPageAsync($"/{tenant.Code}/staff/applications/{disaster.Id}");
        Assert.Contains(disaster.Number, detail.Text);
        Assert.Contains("令和", detail.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/{tenant.Code}/staff/applications/{nursery.Id}")).StatusCode);

        var (_, admin) = await app.TenantAdminAsync(tenant);
        var all = await admin.GetPageAsync($"/{tenant.Code}/staff/applications");
        Assert.Contains(disaster.Number, all.Text);
        Assert.Contains(nursery.Number, all.Text);
    }

    [Fact]
    public async Task Filters_by_procedure_and_marks_overdue_against_the_standard_processing_period()
    {
        var tenant = await app.TenantAsync();
        // Its due date is moved into the past, as if its 標準処理期間 had run out.
        var late = await SubmittedAsync(tenant, tenant.DepartmentId, "hoiku-riyou-moushikomi");
        var other = await SubmittedAsync(tenant, tenant.DepartmentId, "risai-shoumei");
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == late.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DueAt, DateTime.UtcNow.AddDays(-1))));

        var (_, admin) = await app.TenantAdminAsync(tenant);
        var overdue = await admin.GetPageAsync($"/{tenant.Code}/staff/applications?overdue=true");
        Assert.Contains(late.Number, overdue.Text);
        Assert.DoesNotContain(other.Number, overdue.Text);
        Assert.Contains("期限超過", overdue.Text);

        var procedureId = await app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().Where(p => p.TenantId == tenant.Id && p.Key == "risai-shoumei").Select(p => p.Id).SingleAsync());
        var filtered = await admin.GetPageAsync($"/{tenant.Code}/staff/applications?procedure={procedureId}");
        Assert.Contains(other.Number, filtered.Text);
        Assert.DoesNotContain(late.Number, filtered.Text);
    }

    [Fact]
    public async Task A_long_queue_counts_only_to_a_limit_past_the_page_and_still_pages_to_the_end()
    {
        var tenant = await app.TenantAsync();
        await SubmittedAsync(tenant, tenant.DepartmentId, "risai-shoumei");
        var procedureId = await app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().Where(p => p.TenantId == tenant.Id).Select(p => p.Id).SingleAsync());
        var arrived = DateTime.UtcNow.AddDays(-1);
        await app.DbAsync(async db =>
        {
            db.Set<Application>().AddRange(Enumerable.Range(1, 1059).Select(i => new Application
            {
                TenantId = tenant.Id, ProcedureId = procedureId, ProcedureVersion = 1, Channel = ApplicationChannel.Counter,
                Status = ApplicationStatus.Approved, Data = "{}", ReceiptNumber = $"2020-{i:D7}", SubmittedAt = arrived.AddMinutes(-i),
            }));
            await db.SaveChangesAsync();
        });
        var (_, admin) = await app.TenantAdminAsync(tenant);

        // 1,060 applications: the first page's count stops 1,000 past it and says so.
        var first = await admin.GetPageAsync($"/{tenant.Code}/staff/applications");
        Assert.Equal("1,000 件以上", first.Document.QuerySelector("#queue-count")!.TextContent);
        Assert.Equal(ApplicationQueueModel.PageSize, first.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Contains(first.Document.QuerySelectorAll("nav a"), a => a.TextContent == "次のページ");

        // From page 21 the limit lies beyond the last one: the exact count, the last ten, no next page.
        var last = await admin.GetPageAsync($"/{tenant.Code}/staff/applications?p=22");
        Assert.Equal("1060 件", last.Document.QuerySelector("#queue-count")!.TextContent);
        Assert.Equal(10, last.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("2020-0001059", last.Text);
        Assert.DoesNotContain(last.Document.QuerySelectorAll("nav a"), a => a.TextContent == "次のページ");
    }

    [Fact]
    public async Task Staff_of_another_municipality_find_nothing()
    {
        var tenant = await app.TenantAsync();
        var other = await app.TenantAsync();
        var submitted = await SubmittedAsync(tenant, tenant.DepartmentId, "risai-shoumei");
        var (_, stranger) = await app.TenantAdminAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/{other.Code}/staff/applications/{submitted.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/{tenant.Code}/staff/applications/{submitted.Id}")).StatusCode);
        var list = await stranger.GetPageAsync($"/{other.Code}/staff/applications");
        Assert.DoesNotContain(submitted.Number, list.Text);
    }
}
