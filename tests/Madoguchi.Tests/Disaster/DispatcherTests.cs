using System.Net;
using Madoguchi.Disaster.Notices;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Tests.Infrastructure;
using Madoguchi.Tests.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Madoguchi.Tests.Disaster;

/// <summary>
/// Delivery against a real SMTP server (aiosmtpd in its own process): every subscriber of the
/// areas gets the notice exactly once, with two nodes dispatching, after a node is stopped half-way,
/// and not at all after unsubscribing.
/// </summary>
public sealed class DispatcherTests : IAsyncLifetime
{
    private SmtpServerProcess _smtp = null!;
    private readonly List<MadoguchiApp> _nodes = [];

    public async Task InitializeAsync() => _smtp = await SmtpServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _smtp.DisposeAsync();
    }

    private MadoguchiApp Node(MadoguchiApp? first = null, bool dispatch = true, int batch = 10)
    {
        var node = (first is null ? new MadoguchiApp() : first.SecondNode())
            .With("Mail:Host", "127.0.0.1").With("Mail:Port", _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Mail:Enabled", "false")
            .With("Disaster:DispatcherEnabled", dispatch ? "true" : "false")
            .With("Disaster:PollInterval", "00:00:00.100")
            .With("Disaster:BatchSize", batch.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Disaster:ChannelTimeout", "00:00:01")
            .With("Disaster:Lease", "00:00:03");
        _nodes.Add(node);
        return node;
    }

    private static async Task<Guid> SendAsync(MadoguchiApp app, DisasterScenario.Setup s, string[] areas, string? english = null)
    {
        var composer = await app.SignInAsync(s.Composer);
        var id = await composer.ComposeAsync(s, "Level4", "大雨による避難指示", areas, english);
        var approver = await app.SignInAsync(s.Approver);
        var page = await approver.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        var response = await approver.SubmitAsync(page, new Dictionary<string, string>(), "main form[action*='handler=Send']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return id;
    }

    private Task WaitAllDoneAsync(MadoguchiApp app, Guid notice, int expectedMessages) =>
        Eventually.TrueAsync(async () =>
            _smtp.Messages().Count >= expectedMessages
            && await app.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters().CountAsync(d => d.NoticeId == notice && d.Status == DeliveryStatus.Queued)) == 0,
            "every delivery done", TimeSpan.FromSeconds(90));

    private static Dictionary<string, int> PerRecipient(IEnumerable<MimeMessage> messages) =>
        messages.GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task Subscribers_of_the_target_areas_receive_the_notice_once_in_their_language_with_an_unsubscribe_link()
    {
        var app = Node();
        var s = await app.DisasterTenantAsync();
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var furukawa = await app.SubscribersAsync(s, 12, $"f{prefix}-", "古川");
        var both = await app.SubscribersAsync(s, 5, $"b{prefix}-", "古川", "松山");
        var outside = await app.SubscribersAsync(s, 6, $"k{prefix}-", "鹿島台");
        await app.DbAsync(db => db.Set<Subscriber>().IgnoreQueryFilters().Where(x => x.Id == furukawa[0].Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, NoticeLanguage.English)));

        var id = await SendAsync(app, s, ["古川", "松山"]);
        await WaitAllDoneAsync(app, id, 17);

        var messages = _smtp.Messages();
        var counts = PerRecipient(messages);
        Assert.Equal(17, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        Assert.DoesNotContain(outside[0].Email, counts.Keys);
        Assert.Contains(both[0].Email, counts.Keys);

        var english = messages.Single(m => m.To.Mailboxes.Single().Address == furukawa[0].Email);
        Assert.Contains("Alert level 4: Evacuation order", english.Subject);
        Assert.Contains("This notice has no English text; it is sent in Japanese.", english.TextBody);
        var japanese = messages.Single(m => m.To.Mailboxes.Single().Address == furukawa[1].Email);
        Assert.Contains("警戒レベル4 避難指示", japanese.Subject);
        Assert.Contains("対象地区：古川、松山", japanese.TextBody);
        Assert.NotNull(japanese.Headers["List-Unsubscribe"]);

        // The link in the mail stops further notices.
        var link = new Uri(japanese.TextBody!.Split('\n').Single(l => l.StartsWith("配信停止：", StringComparison.Ordinal))["配信停止：".Length..].Trim());
        var browser = app.Browser();
        var page = await browser.GetPageAsync(link.PathAndQuery);
        var response = await browser.SubmitAsync(page, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await app.DbAsync(db => db.Set<Subscriber>().IgnoreQueryFilters().Where(x => x.Id == furukawa[1].Id).Select(x => x.UnsubscribedAt).SingleAsync()));

        var progress = await (await app.SignInAsync(s.Approver)).GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        Assert.Contains("送信済み17", progress.Text.Replace(" ", "").Replace("\n", ""));
    }

    [Fact]
    public async Task Two_nodes_dispatching_at_once_send_each_message_once_and_miss_nobody()
    {
        var first = Node(batch: 7);
        var second = Node(first, batch: 7);
        var s = await first.DisasterTenantAsync();
        await second.DbAsync(db => db.Tenants.CountAsync()); // starts the second node (and its dispatcher)
        var subscribers = await first.SubscribersAsync(s, 120, $"two{Guid.NewGuid():N}"[..12] + "-", "古川");
        var id = await SendAsync(first, s, ["古川"]);
        await WaitAllDoneAsync(first, id, 120);

        var counts = PerRecipient(_smtp.Messages());
        Assert.Equal(subscribers.Select(x => x.Email).Order(), counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        Assert.Equal(120, await first.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters().CountAsync(d => d.NoticeId == id && d.Status == DeliveryStatus.Sent)));
    }

    [Fact]
    public async Task A_node_stopped_half_way_leaves_the_rest_to_another_node_without_duplicates()
    {
        // The database belongs to a node that does not dispatch; worker nodes come and go on it.
        var keeper = Node(dispatch: false);
        var s = await keeper.DisasterTenantAsync();
        var subscribers = await keeper.SubscribersAsync(s, 80, $"crash{Guid.NewGuid():N}"[..12] + "-", "松山");
        var id = await SendAsync(keeper, s, ["松山"]);

        var worker = Node(keeper, batch: 5);
        await worker.DbAsync(db => db.Tenants.CountAsync());
        await Eventually.TrueAsync(() => Task.FromResult(_smtp.Messages().Count >= 10), "the first worker sent some");
        _nodes.Remove(worker);
        await worker.DisposeAsync();
        var sentByFirst = _smtp.Messages().Count;
        Assert.True(sentByFirst < 80, $"the first worker had already sent everything ({sentByFirst}); the test proves nothing");

        // Rows the stopped worker had claimed but not sent wait for their lease (3 s here), then the next worker takes them.
        var next = Node(keeper, batch: 5);
        await next.DbAsync(db => db.Tenants.CountAsync());
        await WaitAllDoneAsync(keeper, id, 80);

        var counts = PerRecipient(_smtp.Messages());
        Assert.Equal(subscribers.Select(x => x.Email).Order(), counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task A_subscriber_who_unsubscribes_while_the_notice_is_going_out_gets_nothing_after()
    {
        // The first node queues but does not dispatch; the resident unsubscribes; then a dispatching node starts.
        var first = Node(dispatch: false);
        var s = await first.DisasterTenantAsync();
        var subscribers = await first.SubscribersAsync(s, 10, $"u{Guid.NewGuid():N}"[..10] + "-", "三本木");
        var id = await SendAsync(first, s, ["三本木"]);
        var leaving = subscribers[3];
        var unsubscribe = first.Services.GetRequiredService<Madoguchi.Disaster.DisasterLinks>().Unsubscribe("", s.Tenant.Code, leaving.Id);
        var browser = first.Browser();
        var response = await browser.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var dispatcher = Node(first);
        await dispatcher.DbAsync(db => db.Tenants.CountAsync());
        await WaitAllDoneAsync(first, id, 9);
        var counts = PerRecipient(_smtp.Messages());
        Assert.Equal(9, counts.Count);
        Assert.DoesNotContain(leaving.Email, counts.Keys);
        Assert.Equal(DeliveryStatus.Skipped, await first.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters()
            .Where(d => d.NoticeId == id && d.SubscriberId == leaving.Id).Select(d => d.Status).SingleAsync()));
    }
}
