using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Procedures.Exports;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Api;

/// <summary>
/// POST /{code}/api/v1/applications/{id}/decision: a core system records the decision an approver
/// made there. It goes through the same <see cref="Decisions"/> service as the case page, so the
/// same rules hold (only an approver of the department decides, a reason for a rejection, one
/// winner), and the same audit entry, resident mail, notice and webhook follow. The approver is
/// named by e-mail in <c>decidedBy</c>: the decision is theirs, the key only carries it.
/// </summary>
public static class DecisionEndpoint
{
    public sealed record DecisionRequest(string? Decision, string? Reason, string? DecidedBy);

    public static async Task<Results<JsonHttpResult<ApplicationDocument>, ProblemHttpResult>> PostAsync(
        Guid id, DecisionRequest? body, HttpContext http, ClaimsPrincipal user, MadoguchiDb db, FieldCipher cipher, Decisions decisions, CancellationToken ct)
    {
        if (!user.HasClaim(ApiKeyAuthentication.DecideClaim, "true"))
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "このAPIキーには決定を登録する権限がありません。", "団体の管理者に、決定の登録を許可したキーの発行を依頼してください。");
        }

        var department = ApplicationsApi.DepartmentOf(user);
        var current = await ApplicationDocument.LoadAsync(db, cipher, id, d => department is null || d == department, ct);
        if (current is null)
        {
            return ApiProblems.NotFound();
        }

        // If-Match carries the version the core system read, so a decision never lands on a state it did not see.
        if (http.Request.Headers.IfMatch.ToString() is not { Length: > 0 } ifMatch)
        {
            return ApiProblems.Problem(StatusCodes.Status428PreconditionRequired, "If-Match ヘッダーが必要です。", "GET で受け取った ETag をそのまま If-Match に指定してください。");
        }

        if (!int.TryParse(ifMatch.Trim().Trim('"'), out var version))
        {
            return ApiProblems.BadRequest("If-Match の値が正しくありません。", "GET で受け取った ETag をそのまま指定してください。");
        }

        if (body?.Decision is not ("approve" or "reject"))
        {
            return ApiProblems.BadRequest("decision は approve か reject を指定してください。");
        }

        var approver = body.DecidedBy is { Length: > 0 } email
            ? await db.Users.Where(u => u.NormalizedEmail == email.Trim().ToUpperInvariant()).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct)
            : null;
        if (approver is null)
        {
            return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "decidedBy の職員が見つかりません。", "決定した職員のメールアドレスを指定してください。");
        }

        var result = await decisions.DecideAsync(id, version, body.Decision == "approve", body.Reason, approver.Value, ct);
        switch (result.Outcome)
        {
            case CaseOutcome.Done:
                break;
            case CaseOutcome.NotFound:
            // The key sees the application; not finding it means decidedBy works in another department.
            case CaseOutcome.Forbidden:
                return ApiProblems.Problem(StatusCodes.Status403Forbidden, "decidedBy の職員には、この課の申請を決定する権限がありません。");
            case CaseOutcome.Stale:
                return ApiProblems.Problem(StatusCodes.Status412PreconditionFailed, "申請はその後に更新されています。何も変更していません。", "もう一度 GET して内容と ETag を確かめてください。");
            case CaseOutcome.NotAllowed:
                return ApiProblems.Problem(StatusCodes.Status409Conflict, "この申請は今の状態では決定できません。", $"状態: {result.Status}");
            default:
                return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "不承認には理由（reason）が必要です。");
        }

        db.ChangeTracker.Clear();
        var decided = (await ApplicationDocument.LoadAsync(db, cipher, id, _ => true, ct))!;
        http.Response.Headers.ETag = decided.ETag;
        return TypedResults.Json(decided, ApplicationDocument.Json);
    }
}
