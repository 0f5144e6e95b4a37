using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Builder;

/// <summary>The palette: each widget as staff read it (Japanese keys of the string table).</summary>
public static class WidgetNames
{
    public static IReadOnlyList<FieldWidget> Palette { get; } = Enum.GetValues<FieldWidget>();

    public static string Of(FieldWidget widget) => widget switch
    {
        FieldWidget.Text => "一行の文字",
        FieldWidget.Textarea => "複数行の文字",
        FieldWidget.Name => "氏名",
        FieldWidget.Kana => "フリガナ",
        FieldWidget.Date => "日付（和暦）",
        FieldWidget.PostalCode => "郵便番号",
        FieldWidget.Address => "住所",
        FieldWidget.Phone => "電話番号",
        FieldWidget.Email => "メールアドレス",
        FieldWidget.MyNumber => "個人番号",
        FieldWidget.BankAccount => "振込先口座",
        FieldWidget.Choice => "選択肢（1つ選ぶ）",
        FieldWidget.MultiChoice => "選択肢（複数選べる）",
        FieldWidget.Checkbox => "チェックボックス",
        FieldWidget.Consent => "同意",
        FieldWidget.Number => "数値",
        FieldWidget.Integer => "整数",
        FieldWidget.Repeat => "繰り返し（児童ごとなど）",
        FieldWidget.File => "添付ファイル",
        _ => widget.ToString(),
    };
}
