using Madoguchi.Platform.Demo;
using Madoguchi.Reports.Demo;
using Madoguchi.Reports.Open311;
using Madoguchi.Reports.Photos;
using Madoguchi.Reports.Public;
using Madoguchi.Reports.Reporting;
using Madoguchi.Reports.Triage;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Madoguchi.Reports;

/// <summary>まちの困りごと通報: categories, the report form, triage, the public list and Open311 GeoReport v2.</summary>
public static class ReportsModule
{
    public const string FormRateLimit = "report-form";
    public const string Open311RateLimit = "open311-post";

    public static void AddReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ReportsOptions>>((o, reports) =>
        {
            // Only posts count (reading the form or the API is free); per client address, per hour.
            o.AddPolicy(FormRateLimit, http => PostsPerHour(http, "report-form:", reports.Value.FormPostsPerHour));
            o.AddPolicy(Open311RateLimit, http => PostsPerHour(http, "open311:", reports.Value.Open311PostsPerHour));
            var earlier = o.OnRejected;
            o.OnRejected = async (context, ct) =>
            {
                var path = context.HttpContext.Request.Path.Value ?? "";
                if (path.Contains("/open311/v2/", StringComparison.Ordinal))
                {
                    // Open311 clients read errors in the spec's format, in the format they asked for.
                    var format = path.EndsWith(".xml", StringComparison.Ordinal) ? "xml" : "json";
                    await Open311Document.Error(format, StatusCodes.Status429TooManyRequests, "Too many requests from this address; try again later. 送信が多すぎます。しばらくしてからお試しください。")
                        .ExecuteAsync(context.HttpContext);
                }
                else if (earlier is not null)
                {
                    await earlier(context, ct);
                }
            };
        });
        services.AddOptions<ReportsOptions>().BindConfiguration("Reports").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<PhotoStore>();
        services.AddScoped<Catalogue.StandardCategoryInstaller>();
        services.AddScoped<ReportLinks>();
        services.AddScoped<ReporterIdentity>();
        services.AddScoped<ReportMails>();
        services.AddScoped<ReportSubmission>();
        services.AddScoped<DuplicateFinder>();
        services.AddScoped<ReportWorkflow>();
        services.AddScoped<IDemoContent, ReportsDemoContent>();
        services.AddSingleton<UnsentPhotoCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<UnsentPhotoCleanup>());
    }

    private static RateLimitPartition<string> PostsPerHour(HttpContext http, string prefix, int limit) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(prefix + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1) })
            : RateLimitPartition.GetNoLimiter(prefix + "(not a post)");

    public static void MapReports(this WebApplication app)
    {
        app.MapOpen311();
        app.MapReportPhotos();
        app.MapReportMap();
    }
}
