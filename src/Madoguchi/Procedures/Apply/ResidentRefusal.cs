using Madoguchi.Platform.Localization;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Workflow;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Apply;

/// <summary>Why a resident's action on their application was refused, in their words.</summary>
internal static class ResidentRefusal
{
    public static string Text(IStringLocalizer<SharedResource> l, CaseResult result) => result.Outcome switch
    {
        CaseOutcome.Stale => l["この申請は、画面を表示した後に更新されました。何も変更していません。最新の状態を確認してから、もう一度操作してください。"],
        _ => l["この申請は「{0}」のため、この操作はできません。何も変更していません。", l[ApplicationStatusNames.Of(result.Status ?? ApplicationStatus.Submitted)]],
    };
}
