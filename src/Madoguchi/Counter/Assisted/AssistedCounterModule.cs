using Madoguchi.Counter.Assisted.Register;
using Madoguchi.Counter.Assisted.Visits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// 書かない窓口: counter staff identify a visitor (card-reader JSON, the resident register, or typed),
/// fill the forms of the visitor's life event with the Procedures form engine, let the visitor confirm on
/// a large-text screen or a printed sheet, and submit them into the departments' queues as counter
/// applications. See docs/counter-assisted.md.
/// </summary>
public static class AssistedCounterModule
{
    public static void AddAssistedCounter(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AssistedCounterOptions>().BindConfiguration("AssistedCounter").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IResidentRegister, DemoResidentRegister>();
        services.AddScoped<VisitorIdentifier>();
        services.AddScoped<VisitorTicket>();
        services.AddScoped<Visits.CounterVisits>();
        services.AddScoped<CardReads>();
        services.AddSingleton<AbandonedVisitCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<AbandonedVisitCleanup>());
    }

    public static void MapAssistedCounter(this WebApplication app)
    {
        app.MapCardReaderApi();
    }
}
