using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Procedures.Review;

/// <summary>Applications that arrived through the real draft and submission services.</summary>
public static class SubmittedApplications
{
    public sealed record Arrived(Guid Id, string Number, Guid Resident);

    /// <summary>A filled-in sample of <paramref name="key"/> submitted by a new resident, handled by <paramref name="department"/>.</summary>
    public static async Task<Arrived> SubmittedAsync(this MadoguchiApp app, TestData.TenantInfo tenant, Guid department,
        string key = "risai-shoumei", string? mailTo = null, Guid? resident = null)
    {
        await app.OfferAsync(tenant, key, department);
        var owner = resident ?? Guid.NewGuid();
        var draft = await app.InTenantAsync(tenant, async sp => (await sp.GetRequiredService<Drafts>().StartAsync(key, owner, CancellationToken.None))!);
        await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.Id == draft.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Data, SampleApplications.For(key))));
        var (receipt, _) = await app.InTenantAsync(tenant, sp => sp.GetRequiredService<Submission>().SubmitAsync(draft.Id, owner, mailTo, CancellationToken.None));
        return new Arrived(draft.Id, receipt!.Number, owner);
    }

    public static Task<Application> StoredAsync(this MadoguchiApp app, Guid id) =>
        app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == id));
}
