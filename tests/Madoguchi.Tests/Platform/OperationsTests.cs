using System.Net;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Platform;

public sealed class OperationsTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_probes_answer_healthy(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_served_as_Prometheus_text_with_http_server_metrics()
    {
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Contains("http_server_request_duration_seconds_count{", text);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    public async Task Html_responses_carry_the_security_headers(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Posting_to_a_page_without_an_antiforgery_token_is_refused()
    {
        // The global AutoValidateAntiforgeryToken filter guards every Razor page, including one
        // without a POST handler of its own, so the landing page shows the rule.
        var response = await app.Browser().PostAsync("/", new FormUrlEncodedContent([new("name", "value")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
