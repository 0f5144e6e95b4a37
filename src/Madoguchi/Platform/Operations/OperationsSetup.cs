using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Madoguchi.Platform.Operations;

/// <summary>Health probes, metrics (OpenTelemetry → Prometheus), structured logs and security headers.</summary>
internal static class OperationsSetup
{
    public const string MeterName = "Madoguchi";

    public static void AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddMeter(MeterName)
            .AddPrometheusExporter());
    }

    public static void MapOperations(this WebApplication app)
    {
        // Liveness: the process answers. Readiness: it can also reach its database.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var formAction = string.Join(' ', app.Services.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value.FormActionOrigins.Prepend("'self'"));
        var policy = $"default-src 'self'; img-src 'self' data: https://cyberjapandata.gsi.go.jp; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
        app.UseSecurityHeaders(policy);
    }

    private static void UseSecurityHeaders(this WebApplication app, string policy) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = policy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}

internal sealed class DatabaseHealthCheck(MadoguchiDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
}
