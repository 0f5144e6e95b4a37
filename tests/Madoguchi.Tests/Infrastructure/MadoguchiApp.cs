using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Infrastructure;

/// <summary>
/// The whole web host over its own database. Use as an xunit class fixture: each test class gets
/// a fresh database and builds the data it needs with <see cref="TestData"/>.
/// </summary>
public class MadoguchiApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("madoguchi-data-").FullName;
    private readonly Dictionary<string, string?> _settings = new();
    private bool _kestrel;

    public MadoguchiApp()
    {
        _settings["ConnectionStrings:Madoguchi"] = _database.ConnectionString;
        _settings["Platform:Demo"] = "false";
        _settings["Platform:DataDirectory"] = _dataDirectory;
        _settings["Platform:SignInAttemptsPerMinute"] = "1000";
        _settings["Logging:Console:FormatterName"] = "simple";
        _settings["Logging:LogLevel:Default"] = "Warning";
    }

    public string DataDirectory => _dataDirectory;

    /// <summary>The database this host uses (a second node can be pointed at it).</summary>
    public string ConnectionString => _settings["ConnectionStrings:Madoguchi"]!;

    /// <summary>A second server node on the same database, as behind a load balancer.</summary>
    public MadoguchiApp SecondNode() => new MadoguchiApp().With("ConnectionStrings:Madoguchi", ConnectionString);

    /// <summary>Sets a configuration value; call before the host starts.</summary>
    public MadoguchiApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Serves over real HTTP on a free loopback port (for protocol tests).</summary>
    public MadoguchiApp OnKestrel()
    {
        _kestrel = true;
        UseKestrel(0);
        return this;
    }

    /// <summary>The base address, e.g. http://127.0.0.1:45123 when on Kestrel.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program reads the connection string while the
        // WebApplicationBuilder is composed (AddStorage), and only settings given this way are
        // visible then; the other way the host silently used src/Madoguchi/data/madoguchi.db.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        if (_kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }
    }

    public HttpClient Browser(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    /// <summary>Runs work against the database outside any request (no tenant filter context).</summary>
    public async Task<T> DbAsync<T>(Func<MadoguchiDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MadoguchiDb>());
    }

    public async Task DbAsync(Func<MadoguchiDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<MadoguchiDb>());
    }

    public async Task<T> ScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing process; the temp folder is cleaned by the OS.
            }
        }
    }
}
