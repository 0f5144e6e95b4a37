namespace Madoguchi.OpenData.Ckan;

/// <summary>CKAN's response envelope: {help, success, result} or {help, success: false, error: {__type, message | field: [..]}}.</summary>
public static class CkanResults
{
    public static string Help(HttpContext http, string action) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{http.Request.RouteValues["tenant"]}/api/3/action/help_show?name={action}";

    public static IResult Ok(HttpContext http, string action, object? result) =>
        TypedResults.Json(new Dictionary<string, object?> { ["help"] = Help(http, action), ["success"] = true, ["result"] = result });

    public static IResult NotFound(HttpContext http, string action, string message = "Not found") =>
        Error(http, action, StatusCodes.Status404NotFound, new Dictionary<string, object?> { ["__type"] = "Not Found Error", ["message"] = message });

    /// <summary>CKAN answers invalid parameters with 409 and the messages per field.</summary>
    public static IResult Validation(HttpContext http, string action, string field, string message) =>
        Error(http, action, StatusCodes.Status409Conflict, new Dictionary<string, object?> { ["__type"] = "Validation Error", [field] = new[] { message } });

    /// <summary>Several fields' messages at once, as CKAN's validators report them.</summary>
    public static IResult Validation(HttpContext http, string action, IEnumerable<KeyValuePair<string, List<string>>> fields)
    {
        var error = new Dictionary<string, object?> { ["__type"] = "Validation Error" };
        foreach (var (field, messages) in fields)
        {
            error[field] = messages;
        }

        return Error(http, action, StatusCodes.Status409Conflict, error);
    }

    public static IResult BadRequest(HttpContext http, string action, string message) =>
        Error(http, action, StatusCodes.Status400BadRequest, new Dictionary<string, object?> { ["__type"] = "Bad Request", ["message"] = message });

    public static IResult Forbidden(HttpContext http, string action, string message) =>
        Error(http, action, StatusCodes.Status403Forbidden, new Dictionary<string, object?> { ["__type"] = "Authorization Error", ["message"] = message });

    private static IResult Error(HttpContext http, string action, int status, Dictionary<string, object?> error) =>
        TypedResults.Json(new Dictionary<string, object?> { ["help"] = Help(http, action), ["success"] = false, ["error"] = error }, statusCode: status);
}
