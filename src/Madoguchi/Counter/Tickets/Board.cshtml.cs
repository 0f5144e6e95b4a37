using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Counter.Tickets;

/// <summary>The display board in the waiting room: the numbers being called, per service.</summary>
public sealed class BoardModel(MadoguchiDb db, TimeProvider time) : PageModel
{
    public BoardState.Snapshot Board { get; private set; } = null!;

    /// <summary>?display=wall: the unattended screen in the waiting room, which reloads itself without JavaScript.</summary>
    public bool WallDisplay { get; private set; }

    public async Task OnGetAsync(string? display, CancellationToken ct)
    {
        WallDisplay = display == "wall";
        Board = await BoardState.ReadAsync(db, time, ct);
    }
}
