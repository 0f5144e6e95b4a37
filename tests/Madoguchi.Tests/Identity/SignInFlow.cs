using System.Net;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Identity;

/// <summary>A browser without JavaScript walking a sign-in: redirects followed one by one, cookies kept.</summary>
public static class SignInFlow
{
    public sealed record Step(Uri Url, HttpResponseMessage Response, string Body);

    /// <summary>A cookie-keeping client of the host on Kestrel (its real address, redirects not followed).</summary>
    public static HttpClient KestrelBrowser(this MadoguchiApp app) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = app.BaseAddress,
        };

    public static async Task<Step> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            if ((int)response.StatusCode is < 300 or >= 400)
            {
                return new Step(response.RequestMessage!.RequestUri!, response, await response.Content.ReadAsStringAsync());
            }

            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response = await client.GetAsync(next);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public static async Task<Step> GetFollowingAsync(this HttpClient client, string url) =>
        await client.FollowAsync(await client.GetAsync(url));

    public static Page AsPage(this Step step)
    {
        Assert.Equal(HttpStatusCode.OK, step.Response.StatusCode);
        return new Page(step.Url.ToString(), Html.Parse(step.Body), step.Body);
    }

    /// <summary>Starts card sign-in at a municipality and stops at the provider's persona chooser.</summary>
    public static async Task<Page> OpenPersonaChooserAsync(this HttpClient client, string tenantCode)
    {
        var step = await client.GetFollowingAsync($"/{tenantCode}/account/login");
        Assert.EndsWith("/dev-idp/authorize", step.Url.GetLeftPart(UriPartial.Path));
        return step.AsPage();
    }

    /// <summary>Signs in as a persona and returns the page the resident lands on.</summary>
    public static async Task<Step> SignInAsPersonaAsync(this HttpClient client, string tenantCode, string persona)
    {
        var chooser = await client.OpenPersonaChooserAsync(tenantCode);
        var response = await client.SubmitAsync(chooser, new Dictionary<string, string> { ["persona"] = persona }, submitName: "submit.accept");
        return await client.FollowAsync(response);
    }
}
