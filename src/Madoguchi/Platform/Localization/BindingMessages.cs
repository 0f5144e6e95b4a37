using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Madoguchi.Platform.Localization;

/// <summary>Model-binding messages (a value that is not a number, a date …) in Japanese instead of English.</summary>
internal static class BindingMessages
{
    public static void UseJapanese(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((_, _) => "入力された値が正しくありません。");
        p.SetMissingBindRequiredValueAccessor(_ => "入力してください。");
        p.SetMissingKeyOrValueAccessor(() => "入力してください。");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "送信内容が空です。");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "入力された値が正しくありません。");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "入力された値が正しくありません。");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "数字で入力してください。");
        p.SetUnknownValueIsInvalidAccessor(_ => "入力された値が正しくありません。");
        p.SetValueIsInvalidAccessor(_ => "入力された値が正しくありません。");
        p.SetValueMustBeANumberAccessor(_ => "数字で入力してください。");
        p.SetValueMustNotBeNullAccessor(_ => "入力してください。");
    }
}
