using System.Collections.Concurrent;
using Madoguchi.Procedures.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Madoguchi.Tests.Procedures.Exports;

/// <summary>
/// A core system's webhook endpoint on 127.0.0.1 (real Kestrel), checking every request's Standard
/// Webhooks signature with the secret the admin page showed. It can be told to fail the first calls.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Id, long Timestamp, string Body, bool SignatureValid, int Answered);

    private readonly WebApplication _app;
    private int _failuresLeft;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Set once the secret is known (it is created with the endpoint that points here).</summary>
    public string? Secret { get; set; }

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var id = request.Headers["webhook-id"].ToString();
            var timestamp = long.Parse(request.Headers["webhook-timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var valid = Secret is not null && WebhookSignature.Verify(Secret, id, timestamp, body, request.Headers["webhook-signature"].ToString());
            var status = !valid ? 401 : Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 204;
            Requests.Enqueue(new Received(id, timestamp, body, valid, status));
            return Results.StatusCode(status);
        });
    }

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver { _failuresLeft = failFirst };
        await receiver._app.StartAsync();
        return receiver;
    }

    public string Url => _app.Urls.First() + "/hook";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
