using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ckan;
using Madoguchi.OpenData.Dcat;
using Madoguchi.OpenData.Fetch;
using Madoguchi.OpenData.Ingest;
using Madoguchi.OpenData.Public;
using Madoguchi.OpenData.Publishing;
using Madoguchi.OpenData.Tokens;
using Madoguchi.Platform.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Madoguchi.OpenData;

/// <summary>オープンデータ: the catalogue, department self-publishing, CSV ingest with standard dataset checks, downloads, the CKAN API and DCAT-AP.</summary>
public static class OpenDataModule
{
    public static void AddOpenData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OpenDataOptions>().BindConfiguration("OpenData").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestSignal>();
        services.AddSingleton<UploadFiles>();
        services.AddScoped<UploadIngest>();
        services.AddScoped<Publication>();
        services.AddScoped<DatasetEditor>();
        services.AddScoped<ResourceUploader>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<CatalogueSearch>();
        services.AddSingleton<CatalogueIndex>();
        services.AddSingleton<ISaveChangesHook, CatalogueChangeHook>();
        services.AddScoped<TableQuery>();
        services.AddScoped<ColumnIndex>();
        services.AddScoped<MapPoints>();
        services.AddScoped<CkanDictionaries>();
        services.AddScoped<DcatCatalogue>();
        services.AddHostedService<IngestWorker>();
        services.AddScoped<SourceFetch>();
        services.AddHostedService<FetchWorker>();
        services.AddHttpClient(SourceFetch.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => FetchAddresses.Handler(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OpenDataOptions>>().Value.AllowPrivateFetchAddresses));
    }

    public static void MapOpenData(this WebApplication app)
    {
        app.MapOpenDataFiles();
        app.MapOpenDataPoints();
        app.MapCkanApi();
        app.MapDcat();
    }
}
