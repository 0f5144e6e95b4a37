using System.Diagnostics;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Platform.Shell;

/// <summary>Japanese error pages for status codes and unhandled exceptions; never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public int Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string RequestId { get; private set; } = "";

    public void OnGet(int status) => Describe(status);
    public void OnPost(int status) => Describe(status);

    private void Describe(int status)
    {
        Status = status;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = status switch
        {
            400 => (l["リクエストを処理できませんでした"].Value, l["送信内容に問題があります。画面を開き直して、もう一度お試しください。"].Value),
            403 => (l["このページを表示する権限がありません"].Value, l["ログインしているアカウントでは、このページを利用できません。"].Value),
            404 => (l["ページが見つかりません"].Value, l["お探しのページは移動したか、削除されたか、アドレスが間違っている可能性があります。"].Value),
            429 => (l["しばらく時間をおいてください"].Value, l["短い時間に多くの操作がありました。少し待ってから、もう一度お試しください。"].Value),
            _ when status >= 500 => (l["システムエラーが発生しました"].Value, l["ご迷惑をおかけしています。時間をおいて、もう一度お試しください。"].Value),
            _ => (l["エラーが発生しました"].Value, l["画面を開き直して、もう一度お試しください。"].Value),
        };

        Response.StatusCode = status is >= 400 and < 600 ? status : 404;
    }
}
