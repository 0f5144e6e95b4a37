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

    private SourceServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/data/shelters.csv", async (HttpContext http) =>
        {
            Interlocked.Increment(ref Requests);
            http.Response.StatusCode = Status;
            http.Response.ContentType = "text/csv";
            if (Status == 200)
            {
                await http.Response.Body.WriteAsync(Content);
            }
        });
    }

    public string Url => _app.Urls.First() + "/data/shelters.csv";

    public static async Task<SourceServer> StartAsync()
    {
        var server = new SourceServer();
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
