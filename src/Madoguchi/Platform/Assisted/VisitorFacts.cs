namespace Madoguchi.Platform.Assisted;

/// <summary>
/// What counter staff know of a visitor once identified (from the My Number card's face data, the
/// resident register, or typed): the facts a form can be filled from. Passed to the procedure's form
/// at the start of a counter application and not kept anywhere else.
/// </summary>
/// <param name="Gender">「男」 or 「女」 as the card prints it; null when unknown.</param>
/// <param name="MyNumber">The card's 個人番号, only when the reader sent it; used only by a form field asking for it.</param>
/// <param name="Household">Members of the visitor's household the staff marked as concerned by the visit (moving with them, children).</param>
public sealed record VisitorFacts(
    string Name,
    string? NameKana,
    DateOnly? BirthDate,
    string? Gender,
    string? PostalCode,
    string? Address,
    string? Phone,
    string? MyNumber,
    IReadOnlyList<HouseholdMember> Household);

/// <param name="Relationship">続柄 to the visitor as the register writes it (妻, 子, 母 …).</param>
public sealed record HouseholdMember(string Name, string? NameKana, DateOnly BirthDate, string Relationship, string? Gender);
