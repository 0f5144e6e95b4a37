using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Madoguchi.Tests.OpenData;

/// <summary>A department's own web server on 127.0.0.1 (real Kestrel) publishing a CSV whose content and status the test changes.</summary>
public sealed class SourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public volatile byte[] Content = [];
    public volatile int Status = 200;
    public int Requests;

    /// <summary>Requests per file name under /data/ (two nodes must never fetch one schedule twice).</summary>
    public readonly ConcurrentDictionary<string, int> RequestsByFile = new(StringComparer.Ordinal);

    /// <summary>How long each answer takes (a slow department server keeps fetches in flight).</summary>
    public TimeSpan Delay = TimeSpan.Zero;

    /// <summary>The most requests being answered at one moment (each node fetches one at a time, so two nodes at work make two).</summary>
    public int MostAtOnce;

    private int _atOnce;

    private SourceServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/data/{file}", async (HttpContext http, string file) =>
        {
            Interlocked.Increment(ref Requests);
            RequestsByFile.AddOrUpdate(file, 1, (_, n) => n + 1);
            var atOnce = Interlocked.Increment(ref _atOnce);
            int most;
            while (atOnce > (most = Volatile.Read(ref MostAtOnce)) && Interlocked.CompareExchange(ref MostAtOnce, atOnce, most) != most)
            {
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            Interlocked.Decrement(ref _atOnce);

            http.Response.StatusCode = Status;
            http.Response.ContentType = "text/csv";
            if (Status == 200)
            {
                await http.Response.Body.WriteAsync(Content);
            }
        });
    }

    public string Url => UrlOf("shelters.csv");

    public string UrlOf(string file) => _app.Urls.First() + "/data/" + file;

    public static async Task<SourceServer> StartAsync()
    {
        var server = new SourceServer();
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
