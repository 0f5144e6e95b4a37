using System.Globalization;
using Madoguchi.Tests.Identity;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Procedures.Protection;

/// <summary>Steps of the resident's application flow shared by the protection tests.</summary>
internal static class ResidentFlow
{
    /// <summary>Opens the start page, optionally consents to prefill, and lands on the draft's first page.</summary>
    public static async Task<SignInFlow.Step> StartAsync(this HttpClient resident, string code, string key, bool prefill = false)
    {
        var start = (await resident.GetFollowingAsync($"/{code}/procedures/{key}/apply")).AsPage();
        var fields = new Dictionary<string, string>();
        if (prefill)
        {
            fields["UsePrefill"] = "true";
        }

        return await resident.FollowAsync(await resident.SubmitAsync(start, fields));
    }

    public static Guid ApplicationId(this SignInFlow.Step step) => Guid.Parse(step.Url.AbsolutePath.Split('/')[3]);

    /// <summary>A 個人番号 with a correct check digit that belongs to nobody known.</summary>
    public static string NewMyNumber()
    {
        var eleven = Random.Shared.NextInt64(10_000_000_000, 100_000_000_000).ToString("D11", CultureInfo.InvariantCulture);
        return eleven + Madoguchi.Procedures.Forms.MyNumberCheckDigit.Of(eleven).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Posts the check page and returns the 到達番号 shown on the receipt.</summary>
    public static async Task<string> SubmitFromCheckPageAsync(this HttpClient resident, string code, Guid applicationId)
    {
        var check = (await resident.GetFollowingAsync($"/{code}/applications/{applicationId}/check")).AsPage();
        var receipt = (await resident.FollowAsync(await resident.SubmitAsync(check, new Dictionary<string, string>()))).AsPage();
        return receipt.Document.QuerySelector(".receipt-number")!.TextContent.Trim();
    }

    /// <summary>Submits from the check page, or, when the application already arrived, reads the number from its receipt.</summary>
    public static async Task<string> SubmitFromCheckPageOrReceiptAsync(this HttpClient resident, string code, Guid applicationId)
    {
        var step = await resident.GetFollowingAsync($"/{code}/applications/{applicationId}/check");
        if (!step.Url.AbsolutePath.EndsWith("/receipt", StringComparison.Ordinal))
        {
            step = await resident.FollowAsync(await resident.SubmitAsync(step.AsPage(), new Dictionary<string, string>()));
        }

        return step.AsPage().Document.QuerySelector(".receipt-number")!.TextContent.Trim();
    }
}
