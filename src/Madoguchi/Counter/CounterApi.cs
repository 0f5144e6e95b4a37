using Madoguchi.Counter.Tickets;
using Madoguchi.Platform.Data;

namespace Madoguchi.Counter;

/// <summary>JSON for the display board's script (the page itself works without it).</summary>
internal static class CounterApi
{
    public static void MapCounterApi(this WebApplication app)
    {
        app.MapGet("/{tenant:municipality}/counter/board.json", async (MadoguchiDb db, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(await BoardState.ReadAsync(db, time, ct));
        });
    }
}
