using Madoguchi.Platform.Demo;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures;

/// <summary>電子申請: procedure definitions and templates (forms, applications and review follow).</summary>
public static class ProceduresModule
{
    public static void AddProcedures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TemplateLibrary.Embedded);
        builder.Services.AddScoped<TemplateEnabler>();
        builder.Services.AddScoped<Builder.ProcedureBuilder>();
        builder.Services.AddScoped<Drafts>();
        builder.Services.AddScoped<Submission>();
        builder.Services.AddScoped<AttachmentStore>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IDemoContent, ProceduresDemoContent>();
    }
}
