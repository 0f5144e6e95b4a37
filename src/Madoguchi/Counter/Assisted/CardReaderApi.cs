using Madoguchi.Counter.Assisted.Card;
using Madoguchi.Counter.Assisted.Desks;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// POST /{tenant}/api/counter/card-reads: the card-reader client of a desk sends the card's face data
/// (<see cref="CardFaceData"/> JSON) with the desk's key in <c>Authorization: Bearer mcd_…</c>. Bad data is
/// refused with the Japanese problems and nothing is stored. See docs/counter-assisted.md, "Card data".
/// </summary>
internal static class CardReaderApi
{
    public const string Route = "/{tenant:municipality}/api/counter/card-reads";

    public static void MapCardReaderApi(this WebApplication app) =>
        app.MapPost(Route, PostAsync).DisableAntiforgery();

    public sealed record Accepted(Guid Id, string Message);

    public sealed record Refused(string Title, IReadOnlyList<string> Errors);

    private static async Task<Results<Created<Accepted>, UnauthorizedHttpResult, BadRequest<Refused>>> PostAsync(
        HttpRequest request, MadoguchiDb db, CardReads reads, TimeProvider time, CancellationToken ct)
    {
        var header = request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        var hash = CounterDesk.Hash(key);
        var desk = key.Length == 0 ? null : await db.Set<CounterDesk>().AsNoTracking().SingleOrDefaultAsync(d => d.KeyHash == hash && d.RevokedAt == null, ct);
        if (desk is null)
        {
            return TypedResults.Unauthorized();
        }

        string json;
        using (var reader = new StreamReader(request.Body))
        {
            var buffer = new char[CardJson.MaxLength + 1];
            var length = await reader.ReadBlockAsync(buffer, ct);
            json = new string(buffer, 0, length);
        }

        var today = DateOnly.FromDateTime(Wareki.ToJapanTime(time.GetUtcNow().UtcDateTime));
        var (card, problems) = CardJson.Read(json, today);
        if (card is null)
        {
            return TypedResults.BadRequest(new Refused("カードの読取データを受け付けられませんでした。", problems));
        }

        var id = await reads.AddAsync(desk, json, ct);
        return TypedResults.Created($"{request.PathBase}{request.Path}/{id}", new Accepted(id, "読み取りました。窓口の画面で選んでください。"));
    }
}
