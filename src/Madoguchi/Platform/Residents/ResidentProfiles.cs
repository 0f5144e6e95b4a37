namespace Madoguchi.Platform.Residents;

/// <summary>
/// What the municipality knows of a resident from their sign-in (the card's 基本4情報, or the
/// account), for modules that act for them: where to send a receipt, what to offer as prefill.
/// The Identity module fulfils it; a module never reads Identity's tables.
/// </summary>
public interface IResidentProfiles
{
    /// <summary>The resident of the current municipality, or null (another municipality's, or removed).</summary>
    Task<ResidentProfile?> FindAsync(Guid residentId, CancellationToken ct);
}

/// <param name="VerifiedEmail">An address the resident proved they read (verification link), or null.</param>
public sealed record ResidentProfile(string Name, string? Address, DateOnly? BirthDate, string? VerifiedEmail);
