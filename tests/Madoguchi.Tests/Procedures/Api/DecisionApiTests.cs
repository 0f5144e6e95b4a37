using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Workflow;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Exports;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.Procedures.Api;

/// <summary>A core system posts the decision an approver made there: same rules, one winner, the approver on record.</summary>
public sealed class DecisionApiTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private static HttpRequestMessage Decide(string url, string? etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }

    private static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}|\p{IsKatakana}", json.RootElement.GetProperty("title").GetString()!);
    }

    private async Task<string> ETagAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    [Fact]
    public async Task An_approver_named_by_the_core_system_approves_once_and_is_recorded_as_the_decider()
    {
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "risai-shoumei");
        var approver = await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId));
        var reviewer = await app.StaffAsync(tenant, (StaffRoleKind.Reviewer, tenant.DepartmentId));
        var (_, _, api) = await app.ApiClientAsync(tenant, mayDecide: true);
        var url = $"/{tenant.Code}/api/v1/applications/{submitted.Id}";
        var etag = await ETagAsync(api, url);

        await ProblemAsync(await api.SendAsync(Decide(url + "/decision", null, new { decision = "approve", decidedBy = approver.Email })), HttpStatusCode.PreconditionRequired);
        await ProblemAsync(await api.SendAsync(Decide(url + "/decision", etag, new { decision = "maybe", decidedBy = approver.Email })), HttpStatusCode.BadRequest);
        await ProblemAsync(await api.SendAsync(Decide(url + "/decision", etag, new { decision = "approve", decidedBy = "nobody@example.jp" })), HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(await api.SendAsync(Decide(url + "/decision", etag, new { decision = "approve", decidedBy = reviewer.Email })), HttpStatusCode.Forbidden);
        await ProblemAsync(await api.SendAsync(Decide(url + "/decision", etag, new { decision = "reject", decidedBy = approver.Email })), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(ApplicationStatus.Submitted, await StatusAsync(submitted.Id));

        var approved = await api.SendAsync(Decide(url + "/decision", etag, new { decision = "approve", reason = "基幹システムで決裁済み", decidedBy = approver.Email }));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.NotEqual(etag, approved.Headers.ETag!.Tag);
        using (var document = JsonDocument.Parse(await approved.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Approved", document.RootElement.GetProperty("status").GetString());
        }

        var decided = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().SingleAsync(a => a.Id == submitted.Id));
        Assert.Equal(approver.Id, decided.DecidedBy);
        Assert.Equal("基幹システムで決裁済み", decided.DecisionReason);
        Assert.Equal(1, await app.DbAsync(db => db.Set<ApplicationEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.ApplicationId == submitted.Id && e.Kind == ApplicationEventKind.Approved)));

        // The same post replayed with the ETag it read: the state moved on, nothing changes.
        await ProblemAsync(await api.SendAsync(Decide(url + "/decision", etag, new { decision = "reject", reason = "再送", decidedBy = approver.Email })), HttpStatusCode.PreconditionFailed);
        var fresh = await ETagAsync(api, url);
        await ProblemAsync(await api.SendAsync(Decide(url + "/decision", fresh, new { decision = "reject", reason = "二重", decidedBy = approver.Email })), HttpStatusCode.Conflict);
        Assert.Equal(ApplicationStatus.Approved, await StatusAsync(submitted.Id));
    }

    [Fact]
    public async Task Two_simultaneous_decisions_on_one_state_record_one()
    {
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "risai-shoumei");
        var approver = await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId));
        var (_, _, api) = await app.ApiClientAsync(tenant, mayDecide: true);
        var url = $"/{tenant.Code}/api/v1/applications/{submitted.Id}";
        var etag = await ETagAsync(api, url);

        var answers = await Task.WhenAll(
            api.SendAsync(Decide(url + "/decision", etag, new { decision = "approve", decidedBy = approver.Email })),
            api.SendAsync(Decide(url + "/decision", etag, new { decision = "reject", reason = "要件を満たさない", decidedBy = approver.Email })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict);
        Assert.Equal(1, await app.DbAsync(db => db.Set<ApplicationEvent>().IgnoreQueryFilters()
            .CountAsync(e => e.ApplicationId == submitted.Id && (e.Kind == ApplicationEventKind.Approved || e.Kind == ApplicationEventKind.Rejected))));
    }

    [Fact]
    public async Task A_read_only_key_or_another_departments_key_cannot_decide()
    {
        var tenant = await app.TenantAsync();
        var submitted = await app.SubmittedAsync(tenant, "risai-shoumei");
        var approver = await app.StaffAsync(tenant, (StaffRoleKind.Approver, tenant.DepartmentId));
        var other = await app.DepartmentAsync(tenant, "税務課");
        var url = $"/{tenant.Code}/api/v1/applications/{submitted.Id}";
        var (_, _, reader) = await app.ApiClientAsync(tenant);
        var etag = await ETagAsync(reader, url);
        var (_, _, elsewhere) = await app.ApiClientAsync(tenant, other, mayDecide: true);

        await ProblemAsync(await reader.SendAsync(Decide(url + "/decision", etag, new { decision = "approve", decidedBy = approver.Email })), HttpStatusCode.Forbidden);
        await ProblemAsync(await elsewhere.SendAsync(Decide(url + "/decision", etag, new { decision = "approve", decidedBy = approver.Email })), HttpStatusCode.NotFound);
        Assert.Equal(ApplicationStatus.Submitted, await StatusAsync(submitted.Id));
    }

    private Task<ApplicationStatus> StatusAsync(Guid id) =>
        app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
}
