using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Madoguchi.Procedures.Api;

/// <summary>RFC 9457 problem details with the title in Japanese, the language of the staff who read the logs.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(status) });

    public static ProblemHttpResult NotFound() => Problem(StatusCodes.Status404NotFound, "見つかりません。",
        "この団体・この課の申請ではないか、存在しません。");

    public static ProblemHttpResult BadRequest(string title, string? detail = null) => Problem(StatusCodes.Status400BadRequest, title, detail);

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(status) },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }

    private static string TypeOf(int status) => $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}";
}
