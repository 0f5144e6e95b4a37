using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Identity.Account;

/// <summary>
/// Where a failed or cancelled sign-in lands: a plain explanation in Japanese, never the technical
/// cause (that goes to the log). Also served at /account/sign-in-error when the municipality of a
/// broken callback cannot be known.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SignInErrorModel(TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? TenantCode => tenant.Code;

    public void OnGet(string? reason)
    {
        (Title, Message) = reason switch
        {
            "cancelled" => (l["ログインを中止しました"].Value,
                l["デジタル認証アプリでの本人確認が中止されました。もう一度お試しいただくか、別の方法でログインしてください。"].Value),
            "expired" => (l["ログインの有効期限が切れました"].Value,
                l["ログインの手続きが途中で切れたか、内容を確認できませんでした。はじめからやり直してください。"].Value),
            "invalid-response" => (l["本人確認の結果を確認できませんでした"].Value,
                l["認証サービスからの応答が正しくないため、ログインできませんでした。はじめからやり直してください。"].Value),
            "not-configured" => (l["マイナンバーカードでのログインは準備中です"].Value,
                l["この窓口では、まだマイナンバーカードでのログインを利用できません。メールアドレスとパスワードでログインしてください。"].Value),
            "unavailable" => (l["認証サービスに接続できません"].Value,
                l["認証サービスに接続できませんでした。時間をおいて、もう一度お試しください。"].Value),
            _ => (l["ログインできませんでした"].Value,
                l["認証サービスでエラーが発生しました。時間をおいて、もう一度お試しください。"].Value),
        };
    }
}
