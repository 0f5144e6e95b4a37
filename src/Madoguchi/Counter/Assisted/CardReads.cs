using Madoguchi.Counter.Assisted.Desks;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter.Assisted;

/// <summary>Card reads from the desks' card-reader clients: kept sealed for minutes, taken up once by the staff.</summary>
public sealed class CardReads(MadoguchiDb db, FieldCipher cipher, TenantContext tenant, TimeProvider time, IOptions<AssistedCounterOptions> options)
{
    private const string Context = "counter-card-read";

    public sealed record Waiting(Guid Id, string DeskName, DateTime ReadAt);

    /// <summary>Stores a read of a valid card for the desk; earlier expired reads of the municipality are removed on the way.</summary>
    public async Task<Guid> AddAsync(CounterDesk desk, string json, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expired = now.AddMinutes(-options.Value.CardReadMinutes);
        db.RemoveRange(await db.Set<CardRead>().Where(r => r.ReadAt < expired).Take(100).ToListAsync(ct));
        var read = new CardRead
        {
            DeskId = desk.Id, ReadAt = now,
            SealedData = await cipher.SealAsync(tenant.TenantId!.Value, json, Context, ct),
        };
        db.Add(read);
        await db.SaveChangesAsync(ct);
        return read.Id;
    }

    /// <summary>Reads not yet taken at the desks of the staff's departments, newest first.</summary>
    public async Task<IReadOnlyList<Waiting>> WaitingAsync(DepartmentScope scope, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.CardReadMinutes);
        var departments = scope.Departments.ToList();
        var all = scope.All;
        return await db.Set<CardRead>().Where(r => r.TakenAt == null && r.ReadAt >= since)
            .Join(db.Set<CounterDesk>().Where(d => all || departments.Contains(d.DepartmentId)), r => r.DeskId, d => d.Id, (r, d) => new { r, d })
            .OrderByDescending(x => x.r.ReadAt).Take(20)
            .Select(x => new Waiting(x.r.Id, x.d.Name, x.r.ReadAt)).ToListAsync(ct);
    }

    /// <summary>Takes a read once: its JSON, and the row keeps no card data afterwards. Null if taken, expired or not the staff's.</summary>
    public async Task<string?> TakeAsync(Guid id, DepartmentScope scope, Guid staffId, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.CardReadMinutes);
        var read = await db.Set<CardRead>().SingleOrDefaultAsync(r => r.Id == id && r.TakenAt == null && r.ReadAt >= since, ct);
        if (read is null)
        {
            return null;
        }

        var desk = await db.Set<CounterDesk>().AsNoTracking().SingleAsync(d => d.Id == read.DeskId, ct);
        if (!scope.Covers(desk.DepartmentId))
        {
            return null;
        }

        var json = await cipher.OpenAsync(read.TenantId, read.SealedData, Context, ct);
        read.SealedData = "";
        read.TakenAt = time.GetUtcNow().UtcDateTime;
        read.TakenBy = staffId;
        try
        {
            await db.SaveChangesAsync(ct);
            return json;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Taken by a second click or another member of staff a moment ago.
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
