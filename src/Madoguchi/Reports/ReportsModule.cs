using Madoguchi.Platform.Demo;
using Madoguchi.Reports.Demo;
using Madoguchi.Reports.Open311;
using Madoguchi.Reports.Photos;
using Madoguchi.Reports.Public;
using Madoguchi.Reports.Reporting;
using Madoguchi.Reports.Triage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Madoguchi.Reports;

/// <summary>まちの困りごと通報: categories, the report form, triage, the public list and Open311 GeoReport v2.</summary>
public static class ReportsModule
{
    public static void AddReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
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
    }

    public static void MapReports(this WebApplication app)
    {
        app.MapOpen311();
        app.MapReportPhotos();
    }
}
