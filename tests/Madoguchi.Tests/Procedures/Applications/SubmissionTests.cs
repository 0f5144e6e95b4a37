using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Applications;

/// <summary>Drafts and exactly-once submission with 到達番号, on SQLite and PostgreSQL.</summary>
public sealed class SubmissionTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private const string ProcedureKey = "ninshin-todoke";

    private Task<T> InTenantAsync<T>(TestData.TenantInfo tenant, Func<IServiceProvider, Task<T>> work) => app.InTenantAsync(tenant, work);

    private async Task<TestData.TenantInfo> TenantWithProcedureAsync()
    {
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, ProcedureKey);
        return tenant;
    }

    private Task<Application> DraftAsync(TestData.TenantInfo tenant, Guid resident) =>
        InTenantAsync(tenant, async sp => (await sp.GetRequiredService<Drafts>().StartAsync(ProcedureKey, resident, CancellationToken.None))!);

    private Task<(Submission.Receipt? Receipt, Submission.Refusal? Refused)> SubmitAsync(TestData.TenantInfo tenant, Guid application, Guid resident, string? mail = null) =>
        InTenantAsync(tenant, sp => sp.GetRequiredService<Submission>().SubmitAsync(application, resident, mail, CancellationToken.None));

    [Fact]
    public async Task A_submitted_draft_gets_a_receipt_number_and_arrival_time_and_a_receipt_mail()
    {
        var tenant = await TenantWithProcedureAsync();
        var resident = Guid.NewGuid();
        var draft = await DraftAsync(tenant, resident);
        var email = $"resident-{Guid.NewGuid():N}@example.jp";

        var (receipt, refused) = await SubmitAsync(tenant, draft.Id, resident, email);
        Assert.Null(refused);
        Assert.Matches(@"^\d{4}-0000001$", receipt!.Number);
        Assert.False(receipt.AlreadySubmitted);

        var stored = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().SingleAsync(a => a.Id == draft.Id));
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Equal(receipt.Number, stored.ReceiptNumber);
        var mail = await app.DbAsync(db => db.Set<OutboxMail>().SingleAsync(m => m.To == email));
        Assert.Contains(receipt.Number, mail.Subject);
        Assert.Contains("到達日時：令和", mail.TextBody);
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(e => e.ChainId == tenant.Id && e.EntityType == nameof(Application) && e.Changes.Contains(receipt.Number))));
    }

    [Fact]
    public async Task A_double_submit_gives_one_number_and_one_mail()
    {
        var tenant = await TenantWithProcedureAsync();
        var resident = Guid.NewGuid();
        var draft = await DraftAsync(tenant, resident);
        var email = $"double-{Guid.NewGuid():N}@example.jp";

        var both = await Task.WhenAll(SubmitAsync(tenant, draft.Id, resident, email), SubmitAsync(tenant, draft.Id, resident, email));
        Assert.All(both, r => Assert.Null(r.Refused));
        Assert.Equal(both[0].Receipt!.Number, both[1].Receipt!.Number);
        Assert.Single(both, r => !r.Receipt!.AlreadySubmitted);
        Assert.Equal(1, await app.DbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.To == email)));
        Assert.Equal(1, await app.DbAsync(db => db.Set<ReceiptCounter>().IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).SumAsync(c => c.Last)));
    }

    [Fact]
    public async Task Concurrent_submissions_get_distinct_numbers_without_gaps_per_municipality()
    {
        var tenant = await TenantWithProcedureAsync();
        var other = await TenantWithProcedureAsync();
        var drafts = new List<(Guid Resident, Guid Draft)>();
        for (var i = 0; i < 20; i++)
        {
            var resident = Guid.NewGuid();
            drafts.Add((resident, (await DraftAsync(tenant, resident)).Id));
        }

        var receipts = await Task.WhenAll(drafts.Select(d => SubmitAsync(tenant, d.Draft, d.Resident)));
        var numbers = receipts.Select(r => int.Parse(r.Receipt!.Number[5..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 20), numbers);

        var otherResident = Guid.NewGuid();
        var first = await SubmitAsync(other, (await DraftAsync(other, otherResident)).Id, otherResident);
        Assert.EndsWith("-0000001", first.Receipt!.Number);
    }

    [Fact]
    public async Task Starting_twice_resumes_the_same_draft_and_a_stale_save_is_refused()
    {
        var tenant = await TenantWithProcedureAsync();
        var resident = Guid.NewGuid();
        var drafts = await Task.WhenAll(DraftAsync(tenant, resident), DraftAsync(tenant, resident));
        Assert.Equal(drafts[0].Id, drafts[1].Id);

        var seen = drafts[0].Version;
        var first = await InTenantAsync(tenant, sp => sp.GetRequiredService<Drafts>().SaveAsync(drafts[0].Id, resident, """{"a":1}""", 1, seen, CancellationToken.None));
        var stale = await InTenantAsync(tenant, sp => sp.GetRequiredService<Drafts>().SaveAsync(drafts[0].Id, resident, """{"a":2}""", 1, seen, CancellationToken.None));
        Assert.Equal(Drafts.SaveOutcome.Saved, first);
        Assert.Equal(Drafts.SaveOutcome.Conflict, stale);
        var stored = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().SingleAsync(a => a.Id == drafts[0].Id));
        Assert.Equal("""{"a":1}""", stored.Data);
        Assert.Equal(1, stored.CurrentPage);
    }

    [Fact]
    public async Task Nobody_submits_another_residents_draft_or_a_closed_procedure_and_nothing_changes()
    {
        var tenant = await TenantWithProcedureAsync();
        var owner = Guid.NewGuid();
        var draft = await DraftAsync(tenant, owner);

        Assert.Equal(Submission.Refusal.NotFound, (await SubmitAsync(tenant, draft.Id, Guid.NewGuid())).Refused);
        var otherTenant = await TenantWithProcedureAsync();
        Assert.Equal(Submission.Refusal.NotFound, (await SubmitAsync(otherTenant, draft.Id, owner)).Refused);

        await app.DbAsync(db => db.Set<Procedure>().IgnoreQueryFilters().Where(p => p.TenantId == tenant.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProcedureStatus.Closed)));
        Assert.Equal(Submission.Refusal.ProcedureNotOpen, (await SubmitAsync(tenant, draft.Id, owner)).Refused);

        var stored = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().SingleAsync(a => a.Id == draft.Id));
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Null(stored.ReceiptNumber);
    }
}
