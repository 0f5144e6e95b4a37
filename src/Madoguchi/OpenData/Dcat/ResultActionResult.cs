using Microsoft.AspNetCore.Mvc;

namespace Madoguchi.OpenData.Dcat;

/// <summary>Lets a Razor page answer with the same minimal API result as the explicit .ttl/.jsonld address, so both stay identical.</summary>
public sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
