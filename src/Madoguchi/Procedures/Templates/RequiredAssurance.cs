namespace Madoguchi.Procedures.Templates;

/// <summary>How sure the municipality must be of who files. Procedures that carry a 個人番号 or pay
/// benefits (児童手当, 介護保険) require the マイナンバーカード e-signature when filed online.</summary>
public enum RequiredAssurance
{
    None,
    Account,
    MyNumberCard,
}
