using Microsoft.AspNetCore.Identity;

namespace Madoguchi.Platform.Staff;

/// <summary>ASP.NET Core Identity's messages in Japanese (English is available through the shared resource).</summary>
internal sealed class JapaneseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), "処理できませんでした。もう一度お試しください。");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "他の操作で更新されました。画面を開き直してください。");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "パスワードが正しくありません。");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "リンクまたはコードが無効か、期限が切れています。");
    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "このアカウントは既に登録されています。");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "利用者名に使えない文字が含まれています。");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "メールアドレスの形式が正しくありません。");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "このメールアドレスは既に登録されています。");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "このメールアドレスは既に登録されています。");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"パスワードは{length}文字以上にしてください。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"パスワードには{uniqueChars}種類以上の文字を使ってください。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "パスワードには記号を1文字以上含めてください。");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "パスワードには数字を1文字以上含めてください。");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "パスワードには英小文字を1文字以上含めてください。");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "パスワードには英大文字を1文字以上含めてください。");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "このアカウントはロックできません。");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "回復コードが正しくありません。");

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}
