using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Madoguchi.Disaster.Notices;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Disaster;

/// <summary>
/// The webhook channel against a receiver on real HTTP (Kestrel on 127.0.0.1), as a bridge to a
/// messaging service would run: the receiver checks the Standard Webhooks signature itself, and
/// answers 500 once to show that the notice is retried with the same webhook-id.
/// </summary>
public sealed class WebhookChannelTests : IAsyncLifetime
{
    private sealed record Received(string Id, string Timestamp, string Signature, string Body);

    private readonly ConcurrentQueue<Received> _received = new();
    private WebApplication _receiver = null!;
    private string _url = "";
    private int _calls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/line-bridge", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _received.Enqueue(new Received(request.Headers["webhook-id"]!, request.Headers["webhook-timestamp"]!, request.Headers["webhook-signature"]!, body));
            return Interlocked.Increment(ref _calls) == 1 ? Results.StatusCode(500) : Results.Ok();
        });
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = address + "/line-bridge";
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_webhook_subscriber_gets_a_signed_json_notice_retried_until_accepted()
    {
        await using var app = new MadoguchiApp().With("Disaster:PollInterval", "00:00:00.100");
        var s = await app.DisasterTenantAsync(requireApproval: false);
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var subscriber = new Subscriber
        {
            TenantId = s.Tenant.Id, Email = $"bridge-{Guid.NewGuid():N}@example.jp", TokenHash = Subscriber.Hash(Subscriber.NewToken()), ConfirmedAt = DateTime.UtcNow,
            ByEmail = false, WebhookUrl = _url, WebhookSecret = secret, Language = NoticeLanguage.EasyJapanese,
        };
        await app.DbAsync(async db =>
        {
            db.Add(subscriber);
            db.Add(new SubscriberArea { TenantId = s.Tenant.Id, SubscriberId = subscriber.Id, AreaId = s.Areas["鹿島台"] });
            await db.SaveChangesAsync();
        });
        var staff = await app.SignInAsync(s.Composer);
        var id = await staff.ComposeAsync(s, "Level3", "高齢者等避難", ["鹿島台"]);
        var page = await staff.GetPageAsync($"/{s.Tenant.Code}/staff/disaster/notices/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(page, new Dictionary<string, string>(), "main form[action*='handler=Send']")).StatusCode);

        // The first post is answered 500: the retry comes after the backoff (10 s).
        await Eventually.TrueAsync(async () => await app.DbAsync(db => db.Set<NoticeDelivery>().IgnoreQueryFilters()
            .AnyAsync(d => d.NoticeId == id && d.Status == DeliveryStatus.Sent)), "the webhook delivered", TimeSpan.FromSeconds(40));

        var posts = _received.ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Id, posts[1].Id);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        foreach (var post in posts)
        {
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{post.Id}.{post.Timestamp}.{post.Body}")));
            Assert.Equal(expected, post.Signature);
        }

        using var json = JsonDocument.Parse(posts[1].Body);
        Assert.Equal("disaster.notice", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("Level3", json.RootElement.GetProperty("level").GetString());
        Assert.Equal("ja-x-easy", json.RootElement.GetProperty("language").GetString());
        Assert.True(json.RootElement.GetProperty("fellBackToJapanese").GetBoolean());
        Assert.Equal("鹿島台", json.RootElement.GetProperty("areas")[0].GetString());
        Assert.Contains("/disaster/unsubscribe/", json.RootElement.GetProperty("unsubscribeUrl").GetString());
    }
}
