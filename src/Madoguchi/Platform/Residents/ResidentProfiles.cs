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

    /// <summary>
    /// The one account whose holder is this person for sure: signed in with the My Number card (so
    /// its 氏名, 生年月日 and 住所 came from the card's certificate) and with the same three facts.
    /// Null when none, or when more than one would match (never a guess): the counter links an
    /// application it filled for a visitor to that account, so the resident sees it in 申請一覧.
    /// </summary>
    Task<Guid?> FindCardHolderAsync(string name, DateOnly birthDate, string address, CancellationToken ct);
}

/// <param name="VerifiedEmail">An address the resident proved they read (verification link), or null.</param>
public sealed record ResidentProfile(string Name, string? Address, DateOnly? BirthDate, string? VerifiedEmail);
