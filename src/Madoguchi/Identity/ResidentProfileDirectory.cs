using Madoguchi.Platform.Data;
using Madoguchi.Platform.Residents;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Identity;

/// <summary>The Identity module's side of <see cref="IResidentProfiles"/>: read from the resident's account (tenant filter applies).</summary>
internal sealed class ResidentProfileDirectory(MadoguchiDb db) : IResidentProfiles
{
    public Task<ResidentProfile?> FindAsync(Guid residentId, CancellationToken ct) =>
        db.Set<ResidentAccount>().AsNoTracking().Where(r => r.Id == residentId)
            .Select(r => new ResidentProfile(r.Name, r.Address, r.BirthDate, r.EmailConfirmed ? r.Email : null))
            .SingleOrDefaultAsync(ct);

    public async Task<Guid?> FindCardHolderAsync(string name, DateOnly birthDate, string address, CancellationToken ct)
    {
        var matches = await db.Set<ResidentAccount>().AsNoTracking()
            .Where(r => r.Assurance == AssuranceLevel.Card && r.Issuer != null && r.Name == name && r.BirthDate == birthDate && r.Address == address)
            .Select(r => r.Id).Take(2).ToListAsync(ct);
        return matches.Count == 1 ? matches[0] : null;
    }
}
