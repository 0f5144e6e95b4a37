using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Madoguchi.Bench;

/// <summary>
/// The baseline of the submission benchmark: a minimal-API endpoint on Kestrel in the same process,
/// over the same database, that stores the request body with one plain ADO.NET insert per request
/// (autocommit: durable when it answers). No auth, no antiforgery, no EF, no audit.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareEndpoint> StartAsync(BenchDatabase database)
    {
        await using (var connection = await OpenAsync(database))
        {
            await ExecuteAsync(connection, "CREATE TABLE bench_bodies (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/bare", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            await using var connection = await OpenAsync(database);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bench_bodies (id, body, created_at) VALUES (@id, @body, @at)";
            Add(insert, "@id", Guid.CreateVersion7().ToString());
            Add(insert, "@body", body);
            Add(insert, "@at", DateTime.UtcNow.ToString("O"));
            await insert.ExecuteNonQueryAsync();
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareEndpoint(app, new Uri(address));
    }

    /// <summary>
    /// A pooled connection per request as any endpoint would take; on SQLite with the durability
    /// the app has (WAL, synchronous=FULL: a per-connection setting, so set on every open).
    /// </summary>
    private static async Task<DbConnection> OpenAsync(BenchDatabase database)
    {
        DbConnection connection = database.IsPostgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        if (!database.IsPostgres)
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        }

        return connection;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
