namespace Madoguchi.Reports.Catalogue;

/// <summary>How a category question is answered: free text, one of the listed choices, or はい/いいえ.</summary>
public enum QuestionKind
{
    Text,
    Choice,
    YesNo,
}
