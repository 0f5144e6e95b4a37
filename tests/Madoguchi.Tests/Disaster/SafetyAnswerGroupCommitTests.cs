using System.Net;
using System.Runtime.CompilerServices;
using Madoguchi.Disaster.SafetyChecks;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Disaster;

/// <summary>
/// Safety answers are written with group commit (SafetyAnswerWriter): many people answering at the
/// same moment, on two server nodes, each get exactly their own answer recorded, once, with their own
/// audit entry in one unbroken chain; a second answer sent from a page that did not show the first
/// is refused, not silently overwritten.
/// </summary>
public sealed class SafetyAnswerGroupCommitTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private async Task<(DisasterScenario.Setup Setup, string[] Tokens)> CampaignAsync(int people)
    {
        var s = await app.DisasterTenantAsync();
        var tokens = Enumerable.Range(0, people).Select(_ => SafetyTarget.NewToken()).ToArray();
        await app.DbAsync(async db =>
        {
            var campaign = new SafetyCampaign { TenantId = s.Tenant.Id, Title = "地震の安否確認", CreatedByName = "危機管理課" };
            db.Add(campaign);
            db.AddRange(tokens.Select((t, i) => new SafetyTarget { TenantId = s.Tenant.Id, CampaignId = campaign.Id, Name = $"住民{i}", TokenHash = SafetyTarget.Hash(t) }));
            await db.SaveChangesAsync();
        });
        return (s, tokens);
    }

    /// <summary>Opens the personal link (as a phone would) and returns the page to answer on.</summary>
    private static async Task<(HttpClient Phone, Page Page)> OpenAsync(MadoguchiApp node, string code, string token)
    {
        var phone = node.Browser();
        return (phone, await phone.GetPageAsync($"/{code}/safety/{token}"));
    }

    [Fact]
    public async Task Sixty_people_answering_at_once_on_two_nodes_are_each_recorded_once_with_their_own_audit_entry()
    {
        var (s, tokens) = await CampaignAsync(60);
        await using var second = app.SecondNode();
        var opened = await Task.WhenAll(tokens.Select((t, i) => OpenAsync(i % 2 == 0 ? app : second, s.Tenant.Code, t)));

        var answers = await Task.WhenAll(opened.Select((o, i) => o.Phone.SubmitAsync(o.Page, new Dictionary<string, string>
        {
            ["Input.Answer"] = i % 3 == 0 ? "NeedsHelp" : "Safe",
            ["Input.Message"] = $"住民{i}の伝言",
        })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var recorded = await app.DbAsync(db => db.Set<SafetyTarget>().IgnoreQueryFilters().Where(t => t.TenantId == s.Tenant.Id).ToListAsync());
        Assert.All(recorded, t =>
        {
            var i = int.Parse(t.Name[2..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(i % 3 == 0 ? SafetyAnswer.NeedsHelp : SafetyAnswer.Safe, t.Answer);
            Assert.Equal($"住民{i}の伝言", t.AnswerMessage);
            Assert.Equal(1, t.Version);
        });

        // One audit entry per answer, by the person's link (anonymous) from their address, in one chain.
        var ids = recorded.Select(t => t.Id.ToString()).ToHashSet();
        var entries = await app.DbAsync(db => db.AuditEntries.Where(e => e.ChainId == s.Tenant.Id && e.EntityType == nameof(SafetyTarget) && e.Action == "updated").ToListAsync());
        Assert.Equal(60, entries.Count);
        Assert.Equal(ids, entries.Select(e => e.EntityId).ToHashSet());
        Assert.All(entries, e => Assert.Equal("anonymous", e.Actor));
        var verified = await app.ScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(s.Tenant.Id, CancellationToken.None));
        Assert.True(verified.IsIntact, string.Join("\n", verified.Problems.Select(p => p.Message)));
    }

    [Fact]
    public async Task Two_answers_sent_at_once_from_pages_showing_the_same_version_record_one_and_tell_the_other()
    {
        var (s, tokens) = await CampaignAsync(1);
        var first = await OpenAsync(app, s.Tenant.Code, tokens[0]);
        var secondTab = await OpenAsync(app, s.Tenant.Code, tokens[0]);

        var responses = await Task.WhenAll(
            first.Phone.SubmitAsync(first.Page, new Dictionary<string, string> { ["Input.Answer"] = "Safe" }),
            secondTab.Phone.SubmitAsync(secondTab.Page, new Dictionary<string, string> { ["Input.Answer"] = "NeedsHelp" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("別の画面から先に回答が送られました。", html);
        var target = await app.DbAsync(db => db.Set<SafetyTarget>().IgnoreQueryFilters().SingleAsync(t => t.TenantId == s.Tenant.Id));
        Assert.Equal(1, target.Version);
        // The refusal shows the recorded answer's version, so sending again from it is accepted.
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html);
        Assert.Equal(1, await app.DbAsync(db => db.AuditEntries.CountAsync(e => e.ChainId == s.Tenant.Id && e.EntityType == nameof(SafetyTarget) && e.Action == "updated")));
    }

    [Fact]
    public async Task A_shelter_of_another_municipality_or_none_is_refused_at_the_field_and_nothing_is_written()
    {
        var (s, tokens) = await CampaignAsync(1);
        var other = await app.DisasterTenantAsync();
        var foreignShelter = new Madoguchi.Disaster.Shelters.Shelter { TenantId = other.Tenant.Id, Code = "9001", Name = "よその避難所", Open = true };
        await app.DbAsync(async db =>
        {
            db.Add(foreignShelter);
            await db.SaveChangesAsync();
        });
        var (phone, page) = await OpenAsync(app, s.Tenant.Code, tokens[0]);

        var response = await phone.SubmitAsync(page, new Dictionary<string, string> { ["Input.Answer"] = "AtShelter", ["Input.ShelterId"] = foreignShelter.Id.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("いる避難所を選んでください。", await response.Content.ReadAsStringAsync());
        var target = await app.DbAsync(db => db.Set<SafetyTarget>().IgnoreQueryFilters().SingleAsync(t => t.TenantId == s.Tenant.Id));
        Assert.Null(target.Answer);
        Assert.Equal(0, target.Version);
    }

    /// <summary>Stands for another node that answers for one person just before this node's batch is saved.</summary>
    private sealed class OtherNodeAnswersFirst(IServiceScopeFactory scopes, Guid tenantId, string tokenHash, StrongBox<bool> fired) : ISaveChangesHook
    {
        public async Task BeforeSaveAsync(MadoguchiDb db, CancellationToken cancellationToken)
        {
            if (fired.Value || !db.ChangeTracker.Entries<SafetyTarget>().Any(e => e.State == EntityState.Modified && e.Entity.TokenHash == tokenHash))
            {
                return;
            }

            fired.Value = true;
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, "other", "other", "other");
            var other = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            await other.Database.ExecuteSqlAsync(
                $"UPDATE \"DisasterSafetyTargets\" SET \"Answer\" = 'NeedsHelp', \"Version\" = \"Version\" + 1 WHERE \"TokenHash\" = {tokenHash}", cancellationToken);
        }
    }

    [Fact]
    public async Task A_batch_holding_an_answer_another_node_just_wrote_saves_the_others_and_refuses_only_that_one()
    {
        var (s, tokens) = await CampaignAsync(3);
        var contested = SafetyTarget.Hash(tokens[0]);
        var fired = new StrongBox<bool>();
        await using var node = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddScoped<ISaveChangesHook>(sp => new OtherNodeAnswersFirst(sp.GetRequiredService<IServiceScopeFactory>(), s.Tenant.Id, contested, fired))));
        var answers = tokens.Select(t => new QueuedAnswer(s.Tenant.Id, s.Tenant.Code, "テスト市", "Test City",
            SafetyTarget.Hash(t), SafetyAnswer.Safe, null, "無事です", 0, "anonymous", "192.0.2.1")).ToList();

        // One batch, as the writer forms it when three answers are queued during a write.
        await node.Services.GetRequiredService<SafetyAnswerWriter>().WriteOrSplitAsync(answers);

        Assert.True(fired.Value);
        Assert.Equal(new[] { AnswerOutcome.Conflict, AnswerOutcome.Saved, AnswerOutcome.Saved }, await Task.WhenAll(answers.Select(a => a.Done.Task)));
        var recorded = await app.DbAsync(db => db.Set<SafetyTarget>().IgnoreQueryFilters().Where(t => t.TenantId == s.Tenant.Id).ToDictionaryAsync(t => t.TokenHash));
        Assert.Equal(SafetyAnswer.NeedsHelp, recorded[contested].Answer); // the other node's answer stands
        Assert.All(tokens[1..], t => Assert.Equal(SafetyAnswer.Safe, recorded[SafetyTarget.Hash(t)].Answer));
        var entries = await app.DbAsync(db => db.AuditEntries.Where(e => e.ChainId == s.Tenant.Id && e.EntityType == nameof(SafetyTarget) && e.Action == "updated").ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("192.0.2.1", e.Address));
        var verified = await app.ScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(s.Tenant.Id, CancellationToken.None));
        Assert.True(verified.IsIntact, string.Join("\n", verified.Problems.Select(p => p.Message)));
    }
}
