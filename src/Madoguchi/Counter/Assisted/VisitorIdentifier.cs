using Madoguchi.Counter.Assisted.Card;
using Madoguchi.Counter.Assisted.Register;
using Madoguchi.Counter.Assisted.Visits;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Residents;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// Identifies a visitor from the card's face data, the register or typed facts. The register adds
/// the household and the フリガナ; a resident account is linked only when it is certainly the visitor's
/// (<see cref="IResidentProfiles.FindCardHolderAsync"/>): from the card or the register, never from typing.
/// </summary>
public sealed class VisitorIdentifier(IResidentRegister register, IResidentProfiles residents)
{
    public sealed record Typed(string Name, string? NameKana, DateOnly BirthDate, string? Gender, string? PostalCode, string Address, string? Phone);

    public async Task<IdentifiedVisitor> FromCardAsync(CardFaceData card, CancellationToken ct)
    {
        var records = await register.FindAsync(card.Name, card.BirthDate, card.Address, ct);
        var record = records.Count == 1 ? records[0] : null;
        var household = record is null ? [] : await HouseholdOfAsync(record, ct);
        var facts = new VisitorFacts(card.Name, card.NameKana ?? record?.NameKana, card.BirthDate, card.Gender,
            card.PostalCode ?? record?.PostalCode, card.Address, null, card.MyNumber, household);
        return new IdentifiedVisitor(VisitorIdentification.Card, facts, await residents.FindCardHolderAsync(card.Name, card.BirthDate, card.Address, ct));
    }

    /// <summary>The one current record with this name and birth date (and address, when given); null with the reason otherwise.</summary>
    public async Task<(IdentifiedVisitor? Visitor, string? Problem)> FromRegisterAsync(string name, DateOnly birthDate, string? address, CancellationToken ct)
    {
        var records = await register.FindAsync(name, birthDate, string.IsNullOrWhiteSpace(address) ? null : address, ct);
        if (records.Count == 0)
        {
            return (null, "住民記録に該当する方がいません。氏名と生年月日を確かめてください（転入前の方はカードか手入力で受け付けてください）。");
        }

        if (records.Count > 1)
        {
            return (null, "同じ氏名と生年月日の方が複数います。住所も入力してください。");
        }

        var record = records[0];
        var facts = new VisitorFacts(record.Name, record.NameKana, record.BirthDate, record.Gender, record.PostalCode, record.Address, null, null,
            await HouseholdOfAsync(record, ct));
        return (new IdentifiedVisitor(VisitorIdentification.Register, facts, await residents.FindCardHolderAsync(record.Name, record.BirthDate, record.Address, ct)), null);
    }

    public static IdentifiedVisitor FromTyped(Typed typed) =>
        new(VisitorIdentification.Typed,
            new VisitorFacts(typed.Name, typed.NameKana, typed.BirthDate, typed.Gender, typed.PostalCode, typed.Address, typed.Phone, null, []),
            ResidentId: null);

    private async Task<IReadOnlyList<HouseholdMember>> HouseholdOfAsync(RegisterRecord visitor, CancellationToken ct) =>
        (await register.HouseholdAsync(visitor.HouseholdKey, ct))
            .Where(m => m.ResidentKey != visitor.ResidentKey)
            .Select(m => new HouseholdMember(m.Name, m.NameKana, m.BirthDate, m.Relationship, m.Gender))
            .ToList();
}
