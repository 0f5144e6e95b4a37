using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Counter.Tickets;

/// <summary>The display board in the waiting room: the numbers being called, per service.</summary>
public sealed class BoardModel(MadoguchiDb db, TimeProvider time) : PageModel
{
    public BoardState.Snapshot Board { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Board = await BoardState.ReadAsync(db, time, ct);
}
